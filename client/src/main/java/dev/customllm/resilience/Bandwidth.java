package dev.customllm.resilience;

import java.time.Duration;

/**
 * The bandwidth of one token bucket: it holds at most {@code capacity} tokens and is
 * refilled greedily, {@code refillTokens} every {@code refillPeriod}, spread evenly over
 * the period (a bucket of 20 per second gains one token every 50 ms).
 *
 * @param capacity the most tokens the bucket holds, at least 1
 * @param refillTokens the tokens added every period, at least 1
 * @param refillPeriod the period, positive
 * @author Custom LLM team
 * @since 0.1.0
 * @see RateLimitStore#bucket(String, Bandwidth)
 */
public record Bandwidth(long capacity, long refillTokens, Duration refillPeriod) {

	/**
	 * Check the bandwidth.
	 * @param capacity the most tokens the bucket holds, at least 1
	 * @param refillTokens the tokens added every period, at least 1
	 * @param refillPeriod the period, positive
	 */
	public Bandwidth {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
		}
		if (refillTokens < 1) {
			throw new IllegalArgumentException("refillTokens must be at least 1, but was " + refillTokens);
		}
		if (refillPeriod == null || refillPeriod.isNegative() || refillPeriod.isZero()) {
			throw new IllegalArgumentException("refillPeriod must be positive, but was " + refillPeriod);
		}
	}

	/**
	 * Return the period in nanoseconds.
	 * @return the refill period in nanoseconds
	 */
	public long refillPeriodNanos() {
		return this.refillPeriod.toNanos();
	}

}
