package dev.customllm;

import org.jspecify.annotations.Nullable;

/**
 * Base of every failure of a call to an LLM service. Messages never contain the API key.
 *
 * @author Custom LLM team
 * @see LlmRequestException
 * @see LlmApiException
 * @see LlmResponseException
 */
public abstract class LlmException extends RuntimeException {

	private final LlmOperation operation;

	protected LlmException(LlmOperation operation, String message, @Nullable Throwable cause) {
		super(operation + " failed: " + message, cause);
		this.operation = operation;
	}

	/**
	 * Return the operation that failed.
	 * @return the operation
	 */
	public LlmOperation operation() {
		return this.operation;
	}

}
