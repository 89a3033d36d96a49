package dev.customllm.resilience;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * When and how long to wait before trying a failed request again. The defaults are those
 * of the official OpenAI SDKs. Immutable: start from {@link #defaults()} and change what
 * you need with the {@code with...} methods, or use {@link #builder()}.
 *
 * <pre class="code">
 * RetrySettings retry = RetrySettings.defaults().withMaxRetries(3).withMaxDelay(Duration.ofSeconds(20));
 * </pre>
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class RetrySettings {

	/**
	 * Defaults: 2 retries, 0.5 s doubling to at most 8 s, up to 25% jitter, Retry-After
	 * honoured up to 60 s.
	 */
	public static final RetrySettings DEFAULT = new Builder().build();

	/**
	 * No retries at all.
	 */
	public static final RetrySettings NONE = new Builder().maxRetries(0).build();

	private final int maxRetries;

	private final Duration delay;

	private final double multiplier;

	private final Duration maxDelay;

	private final double jitter;

	private final Duration maxRetryAfter;

	private RetrySettings(Builder builder) {
		if (builder.maxRetries < 0) {
			throw new IllegalArgumentException("maxRetries must not be negative, but was " + builder.maxRetries);
		}
		Duration delay = requireAtMostADay("delay", builder.delay);
		Duration maxDelay = requireAtMostADay("maxDelay", builder.maxDelay);
		Duration maxRetryAfter = requireAtMostADay("maxRetryAfter", builder.maxRetryAfter);
		if (delay.isNegative() || delay.isZero() || maxDelay.compareTo(delay) < 0) {
			throw new IllegalArgumentException(
					"delay must be positive and not above maxDelay, but was " + delay + " (maxDelay " + maxDelay + ")");
		}
		if (builder.multiplier < 1) {
			throw new IllegalArgumentException("multiplier must be at least 1, but was " + builder.multiplier);
		}
		if (builder.jitter < 0 || builder.jitter > 1) {
			throw new IllegalArgumentException("jitter must be between 0 and 1, but was " + builder.jitter);
		}
		if (maxRetryAfter.isNegative()) {
			throw new IllegalArgumentException("maxRetryAfter must not be negative, but was " + maxRetryAfter);
		}
		this.maxRetries = builder.maxRetries;
		this.delay = delay;
		this.multiplier = builder.multiplier;
		this.maxDelay = maxDelay;
		this.jitter = builder.jitter;
		this.maxRetryAfter = maxRetryAfter;
	}

	static Duration requireAtMostADay(String name, @Nullable Duration duration) {
		if (duration == null) {
			throw new IllegalArgumentException(name + " must not be null");
		}
		if (duration.compareTo(Duration.ofDays(1)) > 0) {
			throw new IllegalArgumentException(name + " must be at most PT24H (1 day), but was " + duration);
		}
		return duration;
	}

	/**
	 * Return the defaults, {@link #DEFAULT}.
	 * @return the defaults
	 */
	public static RetrySettings defaults() {
		return DEFAULT;
	}

	/**
	 * Create a builder, starting from {@link #defaults()}.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Create a builder that starts from these settings.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder().maxRetries(this.maxRetries)
			.delay(this.delay)
			.multiplier(this.multiplier)
			.maxDelay(this.maxDelay)
			.jitter(this.jitter)
			.maxRetryAfter(this.maxRetryAfter);
	}

	/**
	 * Return a copy with another number of retries.
	 * @param maxRetries the maximum number of retries after the first attempt
	 * @return the new settings
	 */
	public RetrySettings withMaxRetries(int maxRetries) {
		return toBuilder().maxRetries(maxRetries).build();
	}

	/**
	 * Return a copy with another first delay.
	 * @param delay the delay before the first retry, positive, at most a day
	 * @return the new settings
	 */
	public RetrySettings withDelay(Duration delay) {
		return toBuilder().delay(delay).build();
	}

	/**
	 * Return a copy with another multiplier.
	 * @param multiplier the factor applied to the delay after each retry, at least 1
	 * @return the new settings
	 */
	public RetrySettings withMultiplier(double multiplier) {
		return toBuilder().multiplier(multiplier).build();
	}

	/**
	 * Return a copy with another maximum delay.
	 * @param maxDelay the maximum delay between two attempts, at most a day
	 * @return the new settings
	 */
	public RetrySettings withMaxDelay(Duration maxDelay) {
		return toBuilder().maxDelay(maxDelay).build();
	}

	/**
	 * Return a copy with another jitter.
	 * @param jitter the fraction of each delay, from 0 to 1, by which it is randomly
	 * shortened
	 * @return the new settings
	 */
	public RetrySettings withJitter(double jitter) {
		return toBuilder().jitter(jitter).build();
	}

	/**
	 * Return a copy with another longest {@code Retry-After}.
	 * @param maxRetryAfter the longest {@code Retry-After} the client waits for, at most
	 * a day
	 * @return the new settings
	 */
	public RetrySettings withMaxRetryAfter(Duration maxRetryAfter) {
		return toBuilder().maxRetryAfter(maxRetryAfter).build();
	}

	/**
	 * Return the maximum number of retries after the first attempt.
	 * @return the maximum retries
	 */
	public int maxRetries() {
		return this.maxRetries;
	}

	/**
	 * Return the delay before the first retry.
	 * @return the delay
	 */
	public Duration delay() {
		return this.delay;
	}

	/**
	 * Return the factor applied to the delay after each retry.
	 * @return the multiplier
	 */
	public double multiplier() {
		return this.multiplier;
	}

	/**
	 * Return the maximum delay between two attempts.
	 * @return the maximum delay
	 */
	public Duration maxDelay() {
		return this.maxDelay;
	}

	/**
	 * Return the fraction of each delay, from 0 to 1, by which it is randomly shortened.
	 * @return the jitter
	 */
	public double jitter() {
		return this.jitter;
	}

	/**
	 * Return the longest {@code Retry-After} the client waits for; a longer demand fails
	 * the call at once.
	 * @return the longest wait
	 */
	public Duration maxRetryAfter() {
		return this.maxRetryAfter;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof RetrySettings that) && this.maxRetries == that.maxRetries
				&& this.delay.equals(that.delay) && Double.compare(this.multiplier, that.multiplier) == 0
				&& this.maxDelay.equals(that.maxDelay) && Double.compare(this.jitter, that.jitter) == 0
				&& this.maxRetryAfter.equals(that.maxRetryAfter);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.maxRetries, this.delay, this.multiplier, this.maxDelay, this.jitter,
				this.maxRetryAfter);
	}

	@Override
	public String toString() {
		return "RetrySettings[maxRetries=" + this.maxRetries + ", delay=" + this.delay + ", multiplier="
				+ this.multiplier + ", maxDelay=" + this.maxDelay + ", jitter=" + this.jitter + ", maxRetryAfter="
				+ this.maxRetryAfter + "]";
	}

	/**
	 * Builder for {@link RetrySettings}.
	 */
	public static final class Builder {

		private int maxRetries = 2;

		private @Nullable Duration delay = Duration.ofMillis(500);

		private double multiplier = 2;

		private @Nullable Duration maxDelay = Duration.ofSeconds(8);

		private double jitter = 0.25;

		private @Nullable Duration maxRetryAfter = Duration.ofSeconds(60);

		private Builder() {
		}

		/**
		 * Set the maximum number of retries after the first attempt.
		 * @param maxRetries the maximum, 2 by default; 0 for no retries
		 * @return this builder
		 */
		public Builder maxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
			return this;
		}

		/**
		 * Set the delay before the first retry.
		 * @param delay the delay, 0.5 s by default
		 * @return this builder
		 */
		public Builder delay(Duration delay) {
			this.delay = delay;
			return this;
		}

		/**
		 * Set the factor applied to the delay after each retry.
		 * @param multiplier the factor, 2 by default
		 * @return this builder
		 */
		public Builder multiplier(double multiplier) {
			this.multiplier = multiplier;
			return this;
		}

		/**
		 * Set the maximum delay between two attempts.
		 * @param maxDelay the maximum, 8 s by default
		 * @return this builder
		 */
		public Builder maxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
			return this;
		}

		/**
		 * Set the fraction of each delay by which it is randomly shortened.
		 * @param jitter from 0 to 1, 0.25 by default
		 * @return this builder
		 */
		public Builder jitter(double jitter) {
			this.jitter = jitter;
			return this;
		}

		/**
		 * Set the longest {@code Retry-After} the client waits for.
		 * @param maxRetryAfter the longest wait, 60 s by default
		 * @return this builder
		 */
		public Builder maxRetryAfter(Duration maxRetryAfter) {
			this.maxRetryAfter = maxRetryAfter;
			return this;
		}

		/**
		 * Build the settings.
		 * @return the settings
		 * @throws IllegalArgumentException if a value is invalid
		 */
		public RetrySettings build() {
			return new RetrySettings(this);
		}

	}

}
