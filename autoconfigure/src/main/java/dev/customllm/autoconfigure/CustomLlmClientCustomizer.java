package dev.customllm.autoconfigure;

import dev.customllm.CustomLlmClient;

/**
 * Callback to adjust the auto-configured {@link CustomLlmClient} before it is built.
 * Customizers are applied in order ({@link org.springframework.core.Ordered}).
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
@FunctionalInterface
public interface CustomLlmClientCustomizer {

	/**
	 * Customize the client builder.
	 * @param builder the builder, already configured from the properties
	 */
	void customize(CustomLlmClient.Builder builder);

}
