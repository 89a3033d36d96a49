package dev.customllm.internal.resilience;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import dev.customllm.LlmOperation;
import dev.customllm.resilience.Bandwidth;
import dev.customllm.resilience.RateLimitStore;
import dev.customllm.resilience.SharedBucket;

/**
 * The token bucket of one limit: kept inside this instance, or in a shared
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

	private static final Scheduler WAKER = Schedulers.fromExecutorService(SCHEDULER, "custom-llm-rate-limiter");

	private static final Log logger = LogFactory.getLog(LimitBucket.class);

	private final String limit;

	private final TokenBucket local;

	private final @Nullable SharedBucket shared;

	private final @Nullable StoreOutage outage;

	private final ConcurrencyLimiter asking;

	/**
	 * Create a new instance.
	 * @param limit the name of the limit: {@code rate} or {@code tokens}
	 * @param bandwidth the bandwidth of the limit
	 * @param store where the limit is shared, or {@code null} to keep it in this instance
	 * @param outage whether the store is down, when there is a store
	 * @param maxAsks the most calls of this instance that ask the store for permits at
	 * once or hold permits it reserved for later; the others wait here, in order
	 */
	LimitBucket(String limit, Bandwidth bandwidth, @Nullable RateLimitStore store, @Nullable StoreOutage outage,
			int maxAsks) {
		this.limit = limit;
		this.local = new TokenBucket(bandwidth);
		this.shared = (store != null) ? store.bucket(limit, bandwidth) : null;
		this.outage = outage;
		this.asking = new ConcurrencyLimiter(maxAsks);
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
		SharedBucket shared = this.shared;
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

	private Mono<Permit> ask(LlmOperation operation, SharedBucket shared, StoreOutage outage, long permits,
			Duration maxWait) {
		return askOnce(shared, permits, maxWait).onErrorResume((failure) -> Mono.fromFuture(outage.failed(failure))
			.flatMap((answers) -> answers ? secondTry(operation, shared, outage, permits, maxWait)
					: fallBack(operation, outage, permits, maxWait)));
	}

	/**
	 * Ask the store again after a slow answer that the store answered a probe for; if it
	 * fails again, the call falls back.
	 */
	private Mono<Permit> secondTry(LlmOperation operation, SharedBucket shared, StoreOutage outage, long permits,
			Duration maxWait) {
		return askOnce(shared, permits, maxWait).onErrorResume((failure) -> Mono.fromFuture(outage.failed(failure))
			.flatMap((answers) -> fallBack(operation, outage, permits, maxWait)));
	}

	private static Mono<Permit> askOnce(SharedBucket shared, long permits, Duration maxWait) {
		return Mono.fromFuture(() -> shared.tryConsume(permits, maxWait, SCHEDULER))
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
		return (this.shared != null) ? this.shared.availableTokens() : CompletableFuture.completedFuture(null);
	}

	private Mono<Permit> acquireLocally(long permits, Duration maxWait) {
		long wait = this.local.reserve(permits, maxWait.toNanos());
		if (wait == 0) {
			return Mono.just(Permit.LOCAL);
		}
		if (wait < 0) {
			return Mono.just(Permit.REFUSED);
		}
		return Mono.delay(Duration.ofNanos(wait), WAKER).thenReturn(Permit.LOCAL);
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
			CompletableFuture<?> done = (difference > 0) ? this.shared.consumeIgnoringLimit(difference)
					: this.shared.addTokens(-difference);
			done.whenComplete((result, failure) -> logCorrectionFailure(failure));
		}
		else if (permit == Permit.LOCAL) {
			if (difference > 0) {
				this.local.consumeIgnoringLimit(difference);
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
