package dev.customllm;

/**
 * The service answered HTTP 429 (too many requests), and retrying did not help or was not
 * worth it. {@link #retryAfter()} tells the delay the service asked for, if it gave one.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public class LlmRateLimitException extends LlmApiException {

	/**
	 * Create a new instance.
	 * @param operation the operation that failed
	 * @param error the error as the service described it
	 * @param hints what the service said about trying again
	 */
	public LlmRateLimitException(LlmOperation operation, ProviderError error, RetryHints hints) {
		super(operation, 429, error, hints);
	}

}
