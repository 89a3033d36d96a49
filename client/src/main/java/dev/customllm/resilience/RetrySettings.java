package dev.customllm.resilience;

import java.time.Duration;

/**
 * When and how long to wait before trying a failed request again. The defaults are those
 * of the official OpenAI SDKs.
 *
 * @param maxRetries maximum number of retries after the first attempt
 * @param delay delay before the first retry
 * @param multiplier factor applied to the delay after each retry
 * @param maxDelay maximum delay between two attempts
 * @param jitter fraction of each delay, from 0 to 1, by which it is randomly shortened
 * @param maxRetryAfter longest {@code Retry-After} the client waits for; a longer demand
 * fails the call at once
 * @author Custom LLM team
 */
public record RetrySettings(int maxRetries, Duration delay, double multiplier, Duration maxDelay, double jitter,
		Duration maxRetryAfter) {

	/**
	 * Defaults: 2 retries, 0.5 s doubling to at most 8 s, up to 25% jitter, Retry-After
	 * honoured up to 60 s.
	 */
	public static final RetrySettings DEFAULT = new RetrySettings(2, Duration.ofMillis(500), 2, Duration.ofSeconds(8),
			0.25, Duration.ofSeconds(60));

	/**
	 * No retries at all.
	 */
	public static final RetrySettings NONE = new RetrySettings(0, Duration.ofMillis(500), 2, Duration.ofSeconds(8),
			0.25, Duration.ofSeconds(60));

	public RetrySettings {
		if (maxRetries < 0) {
			throw new IllegalArgumentException("maxRetries must not be negative, but was " + maxRetries);
		}
		requireAtMostADay("delay", delay);
		requireAtMostADay("maxDelay", maxDelay);
		requireAtMostADay("maxRetryAfter", maxRetryAfter);
		if (delay.isNegative() || delay.isZero() || maxDelay.compareTo(delay) < 0) {
			throw new IllegalArgumentException(
					"delay must be positive and not above maxDelay, but was " + delay + " (maxDelay " + maxDelay + ")");
		}
		if (multiplier < 1) {
			throw new IllegalArgumentException("multiplier must be at least 1, but was " + multiplier);
		}
		if (jitter < 0 || jitter > 1) {
			throw new IllegalArgumentException("jitter must be between 0 and 1, but was " + jitter);
		}
		if (maxRetryAfter.isNegative()) {
			throw new IllegalArgumentException("maxRetryAfter must not be negative, but was " + maxRetryAfter);
		}
	}

	static void requireAtMostADay(String name, Duration duration) {
		if (duration == null) {
			throw new IllegalArgumentException(name + " must not be null");
		}
		if (duration.compareTo(Duration.ofDays(1)) > 0) {
			throw new IllegalArgumentException(name + " must be at most PT24H (1 day), but was " + duration);
		}
	}

}
