package dev.customllm.completion;

import dev.customllm.LlmOperation;

/**
 * Which completion endpoint a {@link CompletionModel} calls.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public enum CompletionApi {

	/**
	 * {@code POST /chat/completions} with messages.
	 */
	CHAT("/chat/completions", LlmOperation.CHAT),

	/**
	 * {@code POST /completions} with a prompt (the legacy text completion API).
	 */
	TEXT("/completions", LlmOperation.TEXT_COMPLETION),

	/**
	 * {@code POST /responses}, OpenAI's Responses API, stateless: every request sends the
	 * whole conversation with {@code store: false}. Its calls are observed as
	 * {@linkplain LlmOperation#CHAT chat} operations.
	 */
	RESPONSES("/responses", LlmOperation.CHAT);

	private final String defaultPath;

	private final LlmOperation operation;

	CompletionApi(String defaultPath, LlmOperation operation) {
		this.defaultPath = defaultPath;
		this.operation = operation;
	}

	/**
	 * Return the endpoint path used when none is configured.
	 * @return the default path
	 */
	public String defaultPath() {
		return this.defaultPath;
	}

	/**
	 * Return the operation this API performs.
	 * @return the operation
	 */
	public LlmOperation operation() {
		return this.operation;
	}

}
