package dev.customllm.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of offline mode: an embedded LLM simulator from the test kit
 * ({@code dev.customllm:custom-llm-test}) in place of a real service.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
@ConfigurationProperties(CustomLlmSimulatorProperties.PREFIX)
public class CustomLlmSimulatorProperties {

	/**
	 * Prefix of the properties.
	 */
	public static final String PREFIX = "custom.llm.simulator";

	/**
	 * Whether to start an embedded LLM simulator and connect the clients to it instead of
	 * custom.llm.base-url (a named client's own base-url still wins). Needs the test kit,
	 * dev.customllm:custom-llm-test, on the classpath. Answers are canned, no key is
	 * needed.
	 */
	private boolean enabled;

	/**
	 * Loopback port of the simulator, 0 for a free one.
	 */
	private int port;

	/**
	 * How the simulator's chat answers carry a reasoning model's reasoning:
	 * reasoning_content, reasoning, think (inline <think> tags) or none. When unset, only
	 * models named like reasoning models (containing "reason" or "think") reason.
	 */
	private @Nullable String reasoning;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getReasoning() {
		return this.reasoning;
	}

	public void setReasoning(@Nullable String reasoning) {
		this.reasoning = reasoning;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

}
