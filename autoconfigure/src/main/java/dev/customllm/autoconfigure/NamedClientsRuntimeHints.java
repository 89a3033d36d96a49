package dev.customllm.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * Runtime hints for the named clients, whose properties are bound with a {@code Binder}
 * when each client is created rather than as a configuration properties bean.
 *
 * @author Custom LLM team
 */
class NamedClientsRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BindableRuntimeHintsRegistrar.forTypes(CustomLlmClientProperties.class).registerHints(hints, classLoader);
	}

}
