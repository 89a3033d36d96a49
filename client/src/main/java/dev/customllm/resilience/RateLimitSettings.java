package dev.customllm.resilience;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Client-side limits shared by all models of one client. Immutable: start from
 * {@link #NONE} or {@link #of(Integer, Double, Duration)} and change what you need with
 * the {@code with...} methods, or use {@link #builder()}.
 *
 * <pre class="code">
 * RateLimitSettings limits = RateLimitSettings.of(8, 20.0, Duration.ofSeconds(5)).withTokensPerMinute(200_000L);
 * </pre>
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class RateLimitSettings {

	/**
	 * No limits.
	 */
	public static final RateLimitSettings NONE = new Builder().build();

	private final @Nullable Integer maxConcurrentRequests;

	private final @Nullable Double requestsPerSecond;

	private final @Nullable Long tokensPerMinute;

	private final Duration maxWait;

	private final StoreFailureAction onStoreFailure;

	private final @Nullable Integer expectedInstances;

	private RateLimitSettings(Builder builder) {
		if (builder.maxConcurrentRequests != null && builder.maxConcurrentRequests < 1) {
			throw new IllegalArgumentException(
					"maxConcurrentRequests must be at least 1, but was " + builder.maxConcurrentRequests);
		}
		if (builder.requestsPerSecond != null && !(builder.requestsPerSecond > 0)) {
			throw new IllegalArgumentException(
					"requestsPerSecond must be positive, but was " + builder.requestsPerSecond);
		}
		if (builder.tokensPerMinute != null && builder.tokensPerMinute < 1) {
			throw new IllegalArgumentException(
					"tokensPerMinute must be at least 1, but was " + builder.tokensPerMinute);
		}
		Duration maxWait = RetrySettings.requireAtMostADay("maxWait", builder.maxWait);
		if (builder.onStoreFailure == null) {
			throw new IllegalArgumentException("onStoreFailure must not be null");
		}
		if (builder.expectedInstances != null && builder.expectedInstances < 1) {
			throw new IllegalArgumentException(
					"expectedInstances must be at least 1, but was " + builder.expectedInstances);
		}
		if (maxWait.isNegative()) {
			throw new IllegalArgumentException("maxWait must not be negative, but was " + maxWait);
		}
		this.maxConcurrentRequests = builder.maxConcurrentRequests;
		this.requestsPerSecond = builder.requestsPerSecond;
		this.tokensPerMinute = builder.tokensPerMinute;
		this.maxWait = maxWait;
		this.onStoreFailure = builder.onStoreFailure;
		this.expectedInstances = builder.expectedInstances;
	}

	/**
	 * Create limits on concurrency and request rate only.
	 * @param maxConcurrentRequests maximum requests in flight at once, or {@code null}
	 * for no limit
	 * @param requestsPerSecond maximum requests started per second, or {@code null} for
	 * no limit
	 * @param maxWait longest time a call waits for a permit before it fails
	 * @return the limits
	 * @throws IllegalArgumentException if a value is invalid
	 */
	public static RateLimitSettings of(@Nullable Integer maxConcurrentRequests, @Nullable Double requestsPerSecond,
			Duration maxWait) {
		return new Builder().maxConcurrentRequests(maxConcurrentRequests)
			.requestsPerSecond(requestsPerSecond)
			.maxWait(maxWait)
			.build();
	}

	/**
	 * Return the defaults: no limits, {@link #NONE}.
	 * @return the defaults
	 */
	public static RateLimitSettings defaults() {
		return NONE;
	}

	/**
	 * Create a builder, starting from {@link #defaults()}.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Create a builder that starts from these limits.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder().maxConcurrentRequests(this.maxConcurrentRequests)
			.requestsPerSecond(this.requestsPerSecond)
			.tokensPerMinute(this.tokensPerMinute)
			.maxWait(this.maxWait)
			.onStoreFailure(this.onStoreFailure)
			.expectedInstances(this.expectedInstances);
	}

	/**
	 * Return a copy with another limit on requests in flight.
	 * @param maxConcurrentRequests the maximum, at least 1, or {@code null} for no limit
	 * @return the new limits
	 */
	public RateLimitSettings withMaxConcurrentRequests(@Nullable Integer maxConcurrentRequests) {
		return toBuilder().maxConcurrentRequests(maxConcurrentRequests).build();
	}

	/**
	 * Return a copy with another limit on the request rate.
	 * @param requestsPerSecond the maximum, positive, or {@code null} for no limit
	 * @return the new limits
	 */
	public RateLimitSettings withRequestsPerSecond(@Nullable Double requestsPerSecond) {
		return toBuilder().requestsPerSecond(requestsPerSecond).build();
	}

	/**
	 * Return a copy with another limit on tokens per minute.
	 * @param tokensPerMinute the maximum, at least 1, or {@code null} for no limit
	 * @return the new limits
	 */
	public RateLimitSettings withTokensPerMinute(@Nullable Long tokensPerMinute) {
		return toBuilder().tokensPerMinute(tokensPerMinute).build();
	}

	/**
	 * Return a copy with another longest wait for a permit.
	 * @param maxWait the longest wait, not negative, at most a day
	 * @return the new limits
	 */
	public RateLimitSettings withMaxWait(Duration maxWait) {
		return toBuilder().maxWait(maxWait).build();
	}

	/**
	 * Return a copy that does something else while the shared store is unreachable.
	 * @param onStoreFailure what the limits do
	 * @return the new limits
	 */
	public RateLimitSettings withOnStoreFailure(StoreFailureAction onStoreFailure) {
		return toBuilder().onStoreFailure(onStoreFailure).build();
	}

	/**
	 * Return the maximum requests in flight at once.
	 * @return the maximum, or {@code null} for no limit
	 */
	public @Nullable Integer maxConcurrentRequests() {
		return this.maxConcurrentRequests;
	}

	/**
	 * Return the maximum requests started per second.
	 * @return the maximum, or {@code null} for no limit
	 */
	public @Nullable Double requestsPerSecond() {
		return this.requestsPerSecond;
	}

	/**
	 * Return the maximum tokens (prompt and completion) per minute: a call reserves an
	 * estimate (prompt characters / 4, rounded up, plus its {@code max_tokens}) before it
	 * starts and is settled against the usage the service reported after it ends.
	 * @return the maximum, or {@code null} for no limit
	 */
	public @Nullable Long tokensPerMinute() {
		return this.tokensPerMinute;
	}

	/**
	 * Return the longest time a call waits for a permit before it fails.
	 * @return the longest wait
	 */
	public Duration maxWait() {
		return this.maxWait;
	}

	/**
	 * Return what the rate limits do while their shared store is unreachable.
	 * @return the action
	 */
	public StoreFailureAction onStoreFailure() {
		return this.onStoreFailure;
	}

	/**
	 * Return how many instances the fleet that shares the limits is expected to have:
	 * while the shared store is lost, each instance keeps {@code limit / instances}, the
	 * instances being the larger of this number and the last count the store gave.
	 * @return the instances, or {@code null} to go by the store's count alone
	 */
	public @Nullable Integer expectedInstances() {
		return this.expectedInstances;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof RateLimitSettings that)
				&& Objects.equals(this.maxConcurrentRequests, that.maxConcurrentRequests)
				&& Objects.equals(this.requestsPerSecond, that.requestsPerSecond)
				&& Objects.equals(this.tokensPerMinute, that.tokensPerMinute) && this.maxWait.equals(that.maxWait)
				&& this.onStoreFailure == that.onStoreFailure
				&& Objects.equals(this.expectedInstances, that.expectedInstances);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.maxConcurrentRequests, this.requestsPerSecond, this.tokensPerMinute, this.maxWait,
				this.onStoreFailure, this.expectedInstances);
	}

	@Override
	public String toString() {
		return "RateLimitSettings[maxConcurrentRequests=" + this.maxConcurrentRequests + ", requestsPerSecond="
				+ this.requestsPerSecond + ", tokensPerMinute=" + this.tokensPerMinute + ", maxWait=" + this.maxWait
				+ ", onStoreFailure=" + this.onStoreFailure + ", expectedInstances=" + this.expectedInstances + "]";
	}

	/**
	 * Builder for {@link RateLimitSettings}.
	 */
	public static final class Builder {

		private @Nullable Integer maxConcurrentRequests;

		private @Nullable Double requestsPerSecond;

		private @Nullable Long tokensPerMinute;

		private @Nullable Duration maxWait = Duration.ofSeconds(30);

		private @Nullable StoreFailureAction onStoreFailure = StoreFailureAction.LOCAL;

		private @Nullable Integer expectedInstances;

		private Builder() {
		}

		/**
		 * Set the maximum requests in flight at once.
		 * @param maxConcurrentRequests the maximum, or {@code null} (the default) for no
		 * limit
		 * @return this builder
		 */
		public Builder maxConcurrentRequests(@Nullable Integer maxConcurrentRequests) {
			this.maxConcurrentRequests = maxConcurrentRequests;
			return this;
		}

		/**
		 * Set the maximum requests started per second.
		 * @param requestsPerSecond the maximum, or {@code null} (the default) for no
		 * limit
		 * @return this builder
		 */
		public Builder requestsPerSecond(@Nullable Double requestsPerSecond) {
			this.requestsPerSecond = requestsPerSecond;
			return this;
		}

		/**
		 * Set the maximum tokens (prompt and completion) per minute.
		 * @param tokensPerMinute the maximum, or {@code null} (the default) for no limit
		 * @return this builder
		 */
		public Builder tokensPerMinute(@Nullable Long tokensPerMinute) {
			this.tokensPerMinute = tokensPerMinute;
			return this;
		}

		/**
		 * Set the longest time a call waits for a permit before it fails.
		 * @param maxWait the longest wait, 30 s by default
		 * @return this builder
		 */
		public Builder maxWait(Duration maxWait) {
			this.maxWait = maxWait;
			return this;
		}

		/**
		 * Set what the rate limits do while their shared store is unreachable.
		 * @param onStoreFailure the action, {@link StoreFailureAction#LOCAL} by default
		 * @return this builder
		 */
		public Builder onStoreFailure(StoreFailureAction onStoreFailure) {
			this.onStoreFailure = onStoreFailure;
			return this;
		}

		/**
		 * Set how many instances the fleet that shares the limits is expected to have,
		 * for each instance's fair share while the shared store is lost.
		 * @param expectedInstances the instances, at least 1, or {@code null} (the
		 * default) to go by the count of the store's heartbeats alone
		 * @return this builder
		 */
		public Builder expectedInstances(@Nullable Integer expectedInstances) {
			this.expectedInstances = expectedInstances;
			return this;
		}

		/**
		 * Build the limits.
		 * @return the limits
		 * @throws IllegalArgumentException if a value is invalid
		 */
		public RateLimitSettings build() {
			return new RateLimitSettings(this);
		}

	}

}
