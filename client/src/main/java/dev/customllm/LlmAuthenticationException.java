package dev.customllm;

/**
 * The service refused the credentials (HTTP 401 or 403).
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public class LlmAuthenticationException extends LlmApiException {

	/**
	 * Create a new instance.
	 * @param operation the operation that failed
	 * @param status the HTTP status code, 401 or 403
	 * @param error the error as the service described it
	 */
	public LlmAuthenticationException(LlmOperation operation, int status, ProviderError error) {
		super(operation, status, error, RetryHints.NONE);
	}

}
