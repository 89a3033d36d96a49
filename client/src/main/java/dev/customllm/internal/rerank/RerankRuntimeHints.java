package dev.customllm.internal.rerank;

import org.jspecify.annotations.Nullable;

import dev.customllm.internal.json.WireTypeHints;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Runtime hints for the wire types of reranking.
 *
 * @author Custom LLM team
 */
class RerankRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		WireTypeHints.register(hints, RerankBody.class, RerankResult.class, RerankItem.class, RerankUsage.class);
	}

}
