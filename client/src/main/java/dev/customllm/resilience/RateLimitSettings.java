package dev.customllm.resilience;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Client-side limits shared by all models of one client.
 *
 * @param maxConcurrentRequests maximum requests in flight at once, or {@code null} for no
 * limit
 * @param requestsPerSecond maximum requests started per second, or {@code null} for no
 * limit
 * @param tokensPerMinute maximum tokens (prompt and completion) per minute, or
 * {@code null} for no limit: a call reserves an estimate (prompt characters / 4, rounded
 * up, plus its {@code max_tokens}) before it starts and is settled against the usage the
 * service reported after it ends
 * @param maxWait longest time a call waits for a permit before it fails
 * @param onStoreFailure what the rate limits do while their shared store is unreachable
 * @author Custom LLM team
 */
public record RateLimitSettings(@Nullable Integer maxConcurrentRequests, @Nullable Double requestsPerSecond,
		@Nullable Long tokensPerMinute, Duration maxWait, StoreFailureAction onStoreFailure) {

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
		if (tokensPerMinute != null && tokensPerMinute < 1) {
			throw new IllegalArgumentException("tokensPerMinute must be at least 1, but was " + tokensPerMinute);
		}
		RetrySettings.requireAtMostADay("maxWait", maxWait);
		if (onStoreFailure == null) {
			throw new IllegalArgumentException("onStoreFailure must not be null");
		}
		if (maxWait.isNegative()) {
			throw new IllegalArgumentException("maxWait must not be negative, but was " + maxWait);
		}
	}

	/**
	 * Create limits on concurrency and request rate only.
	 * @param maxConcurrentRequests maximum requests in flight at once, or {@code null}
	 * @param requestsPerSecond maximum requests started per second, or {@code null}
	 * @param maxWait longest time a call waits for a permit before it fails
	 */
	public RateLimitSettings(@Nullable Integer maxConcurrentRequests, @Nullable Double requestsPerSecond,
			Duration maxWait) {
		this(maxConcurrentRequests, requestsPerSecond, null, maxWait, StoreFailureAction.LOCAL);
	}

}
