package dev.customllm;

/**
 * No usable HTTP response was received: the connection was refused or reset, a timeout
 * elapsed, or TLS failed.
 *
 * @author Custom LLM team
 */
public class LlmRequestException extends LlmException {

	/**
	 * Create a new instance.
	 * @param operation the operation that failed
	 * @param message what went wrong
	 * @param cause the underlying failure
	 */
	public LlmRequestException(LlmOperation operation, String message, Throwable cause) {
		super(operation, message, cause);
	}

}
