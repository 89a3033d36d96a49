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
public abstract class LlmException extends RuntimeException implements Cloneable {

	private final LlmOperation operation;

	private int attempts = 1;

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
	 * Return a copy of this exception that tells how many attempts were made, as the retry
	 * layer reports it when it gives up. This exception is left unchanged; the copy keeps
	 * its type, cause and stack trace.
	 * @param attempts the number of attempts, at least 1
	 * @return the copy, or this exception when it already tells that number
	 */
	public LlmException withAttempts(int attempts) {
		if (attempts < 1) {
			throw new IllegalArgumentException("attempts must be at least 1, but was " + attempts);
		}
		if (attempts == this.attempts) {
			return this;
		}
		try {
			LlmException copy = (LlmException) clone();
			copy.attempts = attempts;
			return copy;
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String getMessage() {
		String message = super.getMessage();
		return (this.attempts > 1) ? message + " (after " + this.attempts + " attempts)" : message;
	}

}
