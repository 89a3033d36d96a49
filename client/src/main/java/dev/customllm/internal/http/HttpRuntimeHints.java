package dev.customllm.internal.http;

import org.jspecify.annotations.Nullable;

import dev.customllm.internal.json.WireTypeHints;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Runtime hints for the wire types of the transport.
 *
 * @author Custom LLM team
 */
class HttpRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		WireTypeHints.register(hints, ModelList.class, ModelList.Entry.class);
	}

}
