package dev.customllm.internal.resilience;

import dev.customllm.retry.RateLimitStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.local.LocalBucketBuilder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.customllm.LlmOperation;

/**
 * The Bucket4j token bucket of one limit: kept inside this instance, or in a shared
 * {@link RateLimitStore} with a local bucket to fall back on while the store is
 * unreachable. A call waits for its permits without holding a thread. Thread-safe.
 *
 * @author Custom LLM team
 */
final class LimitBucket {

	private static final Log logger = LogFactory.getLog(LimitBucket.class);

	private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "custom-llm-rate-limiter");
		thread.setDaemon(true);
		return thread;
	});

	private final String limit;

	private final Bucket local;

	private final @Nullable AsyncBucketProxy shared;

	private final @Nullable StoreOutage outage;

	LimitBucket(String limit, BucketConfiguration configuration, @Nullable RateLimitStore store,
			@Nullable StoreOutage outage) {
		this.limit = limit;
		this.local = local(configuration);
		this.shared = (store != null) ? store.bucket(limit, configuration) : null;
		this.outage = outage;
	}

	private static Bucket local(BucketConfiguration configuration) {
		LocalBucketBuilder builder = Bucket.builder();
		for (Bandwidth bandwidth : configuration.getBandwidths()) {
			builder.addLimit(bandwidth);
		}
		return builder.build();
	}

	String limit() {
		return this.limit;
	}

	/**
	 * Take permits, waiting for them at most a given time.
	 * @param operation the operation, for the listener
	 * @param permits the number of permits
	 * @param maxWait longest wait
	 * @return where the permits came from, or why none came
	 */
	CompletableFuture<Permit> acquire(LlmOperation operation, long permits, Duration maxWait) {
		AsyncBucketProxy shared = this.shared;
		if (shared == null) {
			return acquireLocally(permits, maxWait);
		}
		return shared.asScheduler()
			.tryConsume(permits, maxWait, SCHEDULER)
			.handle((granted, failure) -> (failure != null) ? storeFailed(operation, failure, permits, maxWait)
					: sharedAnswer(granted))
			.thenCompose((permit) -> permit);
	}

	private CompletableFuture<Permit> sharedAnswer(boolean granted) {
		this.outage.answered();
		return CompletableFuture.completedFuture(granted ? Permit.SHARED : Permit.REFUSED);
	}

	private CompletableFuture<Permit> storeFailed(LlmOperation operation, Throwable failure, long permits,
			Duration maxWait) {
		this.outage.failed(operation, this.limit, failure);
		return this.outage.rejects() ? CompletableFuture.completedFuture(Permit.STORE_DOWN)
				: acquireLocally(permits, maxWait);
	}

	private CompletableFuture<Permit> acquireLocally(long permits, Duration maxWait) {
		if (this.local.tryConsume(permits)) {
			return CompletableFuture.completedFuture(Permit.LOCAL);
		}
		return this.local.asScheduler()
			.tryConsume(permits, maxWait, SCHEDULER)
			.thenApply((granted) -> granted ? Permit.LOCAL : Permit.REFUSED);
	}

	/**
	 * Correct a grant by the difference between what was taken and what was used: take
	 * more, ignoring the limit (the bucket may go into debt), or give some back.
	 * @param permit where the permits came from
	 * @param difference permits used minus permits taken
	 */
	void correct(Permit permit, long difference) {
		if (difference == 0) {
			return;
		}
		if (permit == Permit.SHARED && this.shared != null) {
			CompletableFuture<?> done = (difference > 0) ? this.shared.consumeIgnoringRateLimits(difference)
					: this.shared.addTokens(-difference);
			done.whenComplete((result, failure) -> logCorrectionFailure(failure));
		}
		else if (permit == Permit.LOCAL) {
			if (difference > 0) {
				this.local.consumeIgnoringRateLimits(difference);
			}
			else {
				this.local.addTokens(-difference);
			}
		}
	}

	private void logCorrectionFailure(@Nullable Throwable failure) {
		if (failure != null && logger.isDebugEnabled()) {
			logger.debug("Could not settle the '" + this.limit + "' limit in its store", failure);
		}
	}

	/**
	 * The outcome of asking for permits.
	 */
	enum Permit {

		/**
		 * Granted by the local bucket.
		 */
		LOCAL,

		/**
		 * Granted by the shared bucket.
		 */
		SHARED,

		/**
		 * Not granted within the longest wait.
		 */
		REFUSED,

		/**
		 * Not granted because the store is unreachable and the action is to reject.
		 */
		STORE_DOWN;

		boolean granted() {
			return this == LOCAL || this == SHARED;
		}

	}

}
