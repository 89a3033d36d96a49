package dev.customllm.internal.embedding;

import org.jspecify.annotations.Nullable;

import dev.customllm.internal.json.WireTypeHints;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Runtime hints for the wire types of embeddings.
 *
 * @author Custom LLM team
 */
class EmbeddingRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		WireTypeHints.register(hints, EmbeddingBody.class, EmbeddingResult.class, EmbeddingItem.class,
				EmbeddingUsage.class, VectorDeserializer.class);
	}

}
