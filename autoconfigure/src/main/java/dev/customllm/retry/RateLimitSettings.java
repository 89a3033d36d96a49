package dev.customllm.retry;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Client-side limits shared by all models of one client.
 *
 * @param maxConcurrentRequests maximum requests in flight at once, or {@code null} for no
 * limit
 * @param requestsPerSecond maximum requests started per second, or {@code null} for no limit
 * @param maxWait longest time a call waits for a permit before it fails
 * @author Custom LLM team
 */
public record RateLimitSettings(@Nullable Integer maxConcurrentRequests, @Nullable Double requestsPerSecond,
		Duration maxWait) {

	/**
	 * No limits.
	 */
	public static final RateLimitSettings NONE = new RateLimitSettings(null, null, Duration.ofSeconds(30));

	public RateLimitSettings {
		if (maxConcurrentRequests != null && maxConcurrentRequests < 1) {
			throw new IllegalArgumentException(
					"maxConcurrentRequests must be at least 1, but was " + maxConcurrentRequests);
		}
		if (requestsPerSecond != null && !(requestsPerSecond > 0)) {
			throw new IllegalArgumentException("requestsPerSecond must be positive, but was " + requestsPerSecond);
		}
		if (maxWait.isNegative()) {
			throw new IllegalArgumentException("maxWait must not be negative, but was " + maxWait);
		}
	}

}
