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

	private volatile int attempts = 1;

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

	/**
	 * Return how many HTTP attempts were made before the call gave up.
	 * @return the number of attempts, at least 1
	 */
	public int attempts() {
		return this.attempts;
	}

	/**
	 * Record how many attempts were made; called by the retry layer when it gives up.
	 * @param attempts the number of attempts
	 */
	public void recordAttempts(int attempts) {
		this.attempts = attempts;
	}

	@Override
	public String getMessage() {
		String message = super.getMessage();
		return (this.attempts > 1) ? message + " (after " + this.attempts + " attempts)" : message;
	}

}
