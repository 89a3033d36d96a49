package dev.customllm;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The service answered HTTP 429 (too many requests).
 *
 * @author Custom LLM team
 */
public class LlmRateLimitException extends LlmApiException {

	private final @Nullable Duration retryAfter;

	/**
	 * Create a new instance.
	 * @param operation the operation that failed
	 * @param error the error as the service described it
	 * @param retryAfter the delay the service asked for, if it gave one
	 */
	public LlmRateLimitException(LlmOperation operation, ProviderError error, @Nullable Duration retryAfter) {
		super(operation, 429, error);
		this.retryAfter = retryAfter;
	}

	/**
	 * Return the delay the service asked the client to wait before trying again.
	 * @return the delay, or empty when the service gave none
	 */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

}
