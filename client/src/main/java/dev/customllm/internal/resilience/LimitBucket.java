package dev.customllm.internal.resilience;

import dev.customllm.resilience.RateLimitStore;
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
import reactor.core.publisher.Mono;

import dev.customllm.LlmOperation;

/**
 * The Bucket4j token bucket of one limit: kept inside this instance, or in a shared
 * {@link RateLimitStore} with a local bucket to fall back on while the store is down
 * ({@link StoreOutage}). A call waits for its permits without holding a thread. A permit
 * asked again after a slow answer may have been taken twice in the store: the error is on
 * the side of the limit. Thread-safe.
 *
 * @author Custom LLM team
 */
final class LimitBucket {

	/**
	 * Wakes the calls that waited for their permits, and probes stores that are down.
	 */
	static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "custom-llm-rate-limiter");
		thread.setDaemon(true);
		return thread;
	});

	private static final Log logger = LogFactory.getLog(LimitBucket.class);

	private final String limit;

	private final Bucket local;

	private final @Nullable AsyncBucketProxy shared;

	private final @Nullable StoreOutage outage;

	private final ConcurrencyLimiter asking;

	/**
	 * Create a new instance.
	 * @param limit the name of the limit: {@code rate} or {@code tokens}
	 * @param configuration the bandwidth of the limit
	 * @param store where the limit is shared, or {@code null} to keep it in this instance
	 * @param outage whether the store is down, when there is a store
	 * @param maxAsks the most calls of this instance that ask the store for permits at
	 * once or hold permits it reserved for later; the others wait here, in order
	 */
	LimitBucket(String limit, BucketConfiguration configuration, @Nullable RateLimitStore store,
			@Nullable StoreOutage outage, int maxAsks) {
		this.limit = limit;
		this.local = local(configuration);
		this.shared = (store != null) ? store.bucket(limit, configuration) : null;
		this.outage = outage;
		this.asking = new ConcurrencyLimiter(maxAsks);
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
	 * Take permits, waiting for them at most a given time. A shared store is asked by at
	 * most {@code maxAsks} calls of this instance at once, so that a crowd in one
	 * instance cannot reserve the store's permits far ahead of the other instances; the
	 * store itself batches the asks that meet. While the store is down the call does not
	 * ask it; a slow answer is followed by a probe of the store, and by a second try when
	 * the store answers the probe.
	 * @param operation the operation, for the listener
	 * @param permits the number of permits
	 * @param maxWait longest wait
	 * @return where the permits came from, or why none came
	 */
	Mono<Permit> acquire(LlmOperation operation, long permits, Duration maxWait) {
		AsyncBucketProxy shared = this.shared;
		StoreOutage outage = this.outage;
		if (shared == null || outage == null) {
			return acquireLocally(permits, maxWait);
		}
		if (outage.isDown()) {
			return fallBack(operation, outage, permits, maxWait);
		}
		long start = System.nanoTime();
		Mono<Permit> ask = Mono.defer(() -> ask(operation, shared, outage, permits, remaining(maxWait, start)));
		return this.asking.limit(ask, maxWait, Mono.error(NoTurn::new), (waited) -> {
		}).onErrorResume(NoTurn.class, (noTurn) -> Mono.just(Permit.REFUSED));
	}

	private static Duration remaining(Duration maxWait, long start) {
		Duration remaining = maxWait.minusNanos(System.nanoTime() - start);
		return remaining.isNegative() ? Duration.ZERO : remaining;
	}

	private Mono<Permit> ask(LlmOperation operation, AsyncBucketProxy shared, StoreOutage outage, long permits,
			Duration maxWait) {
		return askOnce(shared, permits, maxWait).onErrorResume((failure) -> Mono.fromFuture(outage.failed(failure))
			.flatMap((answers) -> answers ? secondTry(operation, shared, outage, permits, maxWait)
					: fallBack(operation, outage, permits, maxWait)));
	}

	/**
	 * Ask the store again after a slow answer that the store answered a probe for; if it
	 * fails again, the call falls back.
	 */
	private Mono<Permit> secondTry(LlmOperation operation, AsyncBucketProxy shared, StoreOutage outage, long permits,
			Duration maxWait) {
		return askOnce(shared, permits, maxWait).onErrorResume((failure) -> Mono.fromFuture(outage.failed(failure))
			.flatMap((answers) -> fallBack(operation, outage, permits, maxWait)));
	}

	private static Mono<Permit> askOnce(AsyncBucketProxy shared, long permits, Duration maxWait) {
		return Mono.fromFuture(() -> shared.asScheduler().tryConsume(permits, maxWait, SCHEDULER))
			.map((granted) -> granted ? Permit.SHARED : Permit.REFUSED);
	}

	private Mono<Permit> fallBack(LlmOperation operation, StoreOutage outage, long permits, Duration maxWait) {
		outage.fellBack(operation, this.limit);
		if (outage.rejects()) {
			return Mono.just(outage.isDown() ? Permit.STORE_DOWN : Permit.STORE_SLOW);
		}
		return acquireLocally(permits, maxWait);
	}

	/**
	 * Ask the shared store something cheap: how many permits its bucket holds.
	 * @return completes normally when the store answered
	 */
	CompletableFuture<?> probe() {
		return (this.shared != null) ? this.shared.getAvailableTokens() : CompletableFuture.completedFuture(null);
	}

	private Mono<Permit> acquireLocally(long permits, Duration maxWait) {
		if (this.local.tryConsume(permits)) {
			return Mono.just(Permit.LOCAL);
		}
		return Mono.fromFuture(() -> this.local.asScheduler().tryConsume(permits, maxWait, SCHEDULER))
			.map((granted) -> granted ? Permit.LOCAL : Permit.REFUSED);
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
		if (permit == Permit.SHARED && this.shared != null && this.outage != null && !this.outage.isDown()) {
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
		STORE_DOWN,

		/**
		 * Not granted because the store answered too slowly twice, although it answered a
		 * probe in between, and the action is to reject.
		 */
		STORE_SLOW;

		boolean granted() {
			return this == LOCAL || this == SHARED;
		}

	}

	/**
	 * No turn to ask the store came within the longest wait.
	 */
	private static final class NoTurn extends RuntimeException {

		NoTurn() {
			super("no turn to ask the rate-limit store", null, false, false);
		}

	}

}
