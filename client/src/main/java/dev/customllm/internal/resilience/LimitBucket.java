package dev.customllm.internal.resilience;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntSupplier;

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
 * ({@link StoreOutage}): this instance's fair share of the limit ({@link FleetShare}). A
 * call waits for its permits without holding a thread. A permit asked again after a slow
 * answer may have been taken twice in the store: the error is on the side of the limit.
 * Thread-safe.
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

	/**
	 * The most times a call asks the store again after a failure other than a slow answer
	 * while the store answers probes; then the call falls back alone.
	 */
	private static final int MAX_RETRIES_AFTER_ERROR = 2;

	/**
	 * The most times a call asks a slow store again within its longest wait.
	 */
	private static final int MAX_ASKS_WHEN_SLOW = 8;

	private static final Log logger = LogFactory.getLog(LimitBucket.class);

	private final String limit;

	private final Bandwidth bandwidth;

	private final TokenBucket local;

	private final @Nullable SharedBucket shared;

	private final @Nullable StoreOutage outage;

	private final IntSupplier instances;

	private final ConcurrencyLimiter asking;

	private volatile Fallback fallback;

	/**
	 * Create a new instance.
	 * @param limit the name of the limit: {@code rate} or {@code tokens}
	 * @param bandwidth the bandwidth of the limit
	 * @param store where the limit is shared, or {@code null} to keep it in this instance
	 * @param outage whether the store is down, when there is a store
	 * @param instances how many instances share the limit, for the fair share while the
	 * store is down
	 * @param maxAsks the most calls of this instance that ask the store for permits at
	 * once or hold permits it reserved for later; the others wait here, in order
	 */
	LimitBucket(String limit, Bandwidth bandwidth, @Nullable RateLimitStore store, @Nullable StoreOutage outage,
			IntSupplier instances, int maxAsks) {
		this.limit = limit;
		this.bandwidth = bandwidth;
		this.local = new TokenBucket(bandwidth);
		this.shared = (store != null) ? store.bucket(limit, bandwidth) : null;
		this.outage = outage;
		this.instances = instances;
		this.asking = new ConcurrencyLimiter(maxAsks);
		this.fallback = new Fallback(1, this.local);
	}

	String limit() {
		return this.limit;
	}

	/**
	 * Return how many calls wait for their turn to ask the shared store.
	 */
	int waiting() {
		return this.asking.waiting();
	}

	/**
	 * Take permits, waiting for them at most a given time. A shared store is asked by at
	 * most {@code maxAsks} calls of this instance at once, so that a crowd in one
	 * instance cannot reserve the store's permits far ahead of the other instances. While
	 * the store is down the call does not ask it. A failed ask is followed by a probe of
	 * the store: when the store answers it, the call asks again within its longest wait
	 * (a slow answer costs the call its time, not the fleet its shared limit); when it
	 * does not, the store is down and the call falls back.
	 * @param operation the operation, for the listener
	 * @param permits the number of permits
	 * @param maxWait longest wait
	 * @return where the permits came from, or why none came
	 */
	Mono<Permit> acquire(LlmOperation operation, long permits, Duration maxWait) {
		SharedBucket shared = this.shared;
		StoreOutage outage = this.outage;
		if (shared == null || outage == null) {
			return acquireLocally(this.local, permits, maxWait);
		}
		if (outage.isDown()) {
			return fallBack(operation, outage, permits, maxWait);
		}
		long start = System.nanoTime();
		Mono<Permit> ask = Mono.defer(() -> ask(operation, shared, outage, permits, maxWait, start, 0, 1));
		return this.asking.limit(ask, maxWait, Mono.error(NoTurn::new), (waited) -> {
		}).onErrorResume(NoTurn.class, (noTurn) -> Mono.just(Permit.REFUSED));
	}

	private static Duration remaining(Duration maxWait, long start) {
		Duration remaining = maxWait.minusNanos(System.nanoTime() - start);
		return remaining.isNegative() ? Duration.ZERO : remaining;
	}

	private Mono<Permit> ask(LlmOperation operation, SharedBucket shared, StoreOutage outage, long permits,
			Duration maxWait, long start, int errors, int asks) {
		return askOnce(shared, permits, remaining(maxWait, start))
			.onErrorResume((failure) -> Mono.fromFuture(() -> outage.failed(failure)).flatMap((answers) -> {
				if (!answers) {
					return fallBack(operation, outage, permits, remaining(maxWait, start));
				}
				if (StoreOutage.isSlowAnswer(failure)) {
					// the store is up but slow: the deadline counts against this call
					return (remaining(maxWait, start).isZero() || asks >= MAX_ASKS_WHEN_SLOW)
							? Mono.just(Permit.TIMED_OUT)
							: ask(operation, shared, outage, permits, maxWait, start, errors, asks + 1);
				}
				return (errors < MAX_RETRIES_AFTER_ERROR)
						? ask(operation, shared, outage, permits, maxWait, start, errors + 1, asks + 1)
						: fallBack(operation, outage, permits, remaining(maxWait, start));
			}));
	}

	private static Mono<Permit> askOnce(SharedBucket shared, long permits, Duration maxWait) {
		return Mono.fromFuture(() -> shared.tryConsume(permits, maxWait, SCHEDULER))
			.map((granted) -> granted ? Permit.SHARED : Permit.REFUSED);
	}

	private Mono<Permit> fallBack(LlmOperation operation, StoreOutage outage, long permits, Duration maxWait) {
		outage.fellBack(operation, this.limit);
		if (outage.rejects()) {
			return Mono.just(Permit.STORE_DOWN);
		}
		long start = System.nanoTime();
		return acquireLocally(fairShare(), permits, maxWait).flatMap((permit) -> {
			if (permit == Permit.LOCAL_AFTER_WAIT && !outage.isDown()) {
				// the store came back while this call waited for its local permit: ask it
				// instead, so that permits reserved locally do not add to the shared ones
				return acquire(operation, permits, remaining(maxWait, start));
			}
			return Mono.just((permit == Permit.LOCAL_AFTER_WAIT) ? Permit.LOCAL : permit);
		});
	}

	/**
	 * Return the local bucket to fall back on: this instance's share of the limit, made
	 * anew when the number of instances changed.
	 */
	private TokenBucket fairShare() {
		int instances = Math.max(1, this.instances.getAsInt());
		Fallback current = this.fallback;
		if (current.instances() != instances) {
			current = new Fallback(instances,
					(instances == 1) ? this.local : new TokenBucket(FleetShare.share(this.bandwidth, instances)));
			this.fallback = current;
		}
		return current.bucket();
	}

	private static Mono<Permit> acquireLocally(TokenBucket bucket, long permits, Duration maxWait) {
		long wait = bucket.reserve(permits, maxWait.toNanos());
		if (wait == 0) {
			return Mono.just(Permit.LOCAL);
		}
		if (wait < 0) {
			return Mono.just(Permit.REFUSED);
		}
		return Mono.delay(Duration.ofNanos(wait), WAKER).thenReturn(Permit.LOCAL_AFTER_WAIT);
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
			TokenBucket bucket = (this.outage != null) ? this.fallback.bucket() : this.local;
			if (difference > 0) {
				bucket.consumeIgnoringLimit(difference);
			}
			else {
				bucket.addTokens(-difference);
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
		 * Granted by the local bucket after a wait; the store may be back meanwhile.
		 */
		LOCAL_AFTER_WAIT,

		/**
		 * Granted by the shared bucket.
		 */
		SHARED,

		/**
		 * Not granted within the longest wait: the limit's budget is spent.
		 */
		REFUSED,

		/**
		 * Not granted because the store is unreachable and the action is to reject.
		 */
		STORE_DOWN,

		/**
		 * Not granted because the store, although it answers probes, answered too slowly
		 * for the call's longest wait.
		 */
		TIMED_OUT;

		boolean granted() {
			return this == LOCAL || this == SHARED;
		}

	}

	/**
	 * The local bucket to fall back on, for a number of instances.
	 */
	private record Fallback(int instances, TokenBucket bucket) {

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
