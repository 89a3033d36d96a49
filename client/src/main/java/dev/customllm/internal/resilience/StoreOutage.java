package dev.customllm.internal.resilience;

import dev.customllm.resilience.RateLimitStore;
import dev.customllm.resilience.RateLimitStoreStatus;
import dev.customllm.resilience.RateLimitStoreStatus.State;
import dev.customllm.resilience.StoreFailureAction;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.customllm.LlmOperation;

/**
 * Whether the shared store of a client's limits can be used. A request to the store that
 * failed, whether it got no answer in time or could not be sent, is followed by a probe
 * on the store's own path ({@link RateLimitStore#probe()}): the store is down only when
 * the probe gets no answer either, so that a slow answer (or a connection opened late)
 * costs the call its time rather than the fleet its shared limits. While down, calls skip
 * the store and a probe runs in the background every {@link #PROBE_INTERVAL} until the
 * store answers again. One WARN when an outage starts, one INFO when it ends.
 * Thread-safe.
 *
 * @author Custom LLM team
 */
final class StoreOutage implements AutoCloseable {

	static final Duration PROBE_INTERVAL = Duration.ofMillis(500);

	private static final Log logger = LogFactory.getLog(StoreOutage.class);

	private final RateLimitStore store;

	private final StoreFailureAction action;

	private final ResilienceListener listener;

	private final Supplier<CompletableFuture<?>> probe;

	private final ScheduledExecutorService scheduler;

	private final Duration probeInterval;

	private volatile RateLimitStoreStatus status;

	private @Nullable CompletableFuture<Boolean> probing;

	private volatile boolean closed;

	/**
	 * Create a new instance.
	 * @param store the store
	 * @param action what calls do while the store is down
	 * @param listener told of every call that could not use the store
	 * @param probe asks the store something cheap; completes normally when it answered
	 * @param scheduler runs the background probes
	 * @param probeInterval the pause between two probes while the store is down
	 */
	StoreOutage(RateLimitStore store, StoreFailureAction action, ResilienceListener listener,
			Supplier<CompletableFuture<?>> probe, ScheduledExecutorService scheduler, Duration probeInterval) {
		this.store = store;
		this.action = action;
		this.listener = listener;
		this.probe = probe;
		this.scheduler = scheduler;
		this.probeInterval = probeInterval;
		this.status = new RateLimitStoreStatus(State.SHARED, Instant.now(), store.toString());
	}

	/**
	 * Whether the store is down: calls skip it until a probe gets an answer.
	 */
	boolean isDown() {
		return this.status.state() != State.SHARED;
	}

	RateLimitStoreStatus status() {
		return this.status;
	}

	boolean rejects() {
		return this.action == StoreFailureAction.REJECT;
	}

	/**
	 * A call to the store failed: decide, by a probe, whether the store is down.
	 * @param failure the failure
	 * @return {@code true} when the store still answers (it was only slow, or the request
	 * could not be sent at that moment), so that the call may ask it again
	 */
	CompletableFuture<Boolean> failed(Throwable failure) {
		if (isDown()) {
			return CompletableFuture.completedFuture(false);
		}
		return probe().thenApply((answers) -> {
			if (!answers) {
				wentDown(failure);
			}
			return answers;
		});
	}

	/**
	 * A call could not use the store and falls back to the store failure action.
	 */
	void fellBack(LlmOperation operation, String limit) {
		this.listener.onLimitStoreFailure(operation, limit);
	}

	/**
	 * Whether a failure is a slow answer (a timeout) rather than a store that cannot be
	 * reached.
	 */
	static boolean isSlowAnswer(Throwable failure) {
		for (Throwable current = failure; current != null; current = next(current)) {
			if (current instanceof TimeoutException) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable Throwable next(Throwable current) {
		return (current.getCause() != current) ? current.getCause() : null;
	}

	private synchronized CompletableFuture<Boolean> probe() {
		CompletableFuture<Boolean> probing = this.probing;
		if (probing == null) {
			probing = answers();
			this.probing = probing;
			probing.whenComplete((answered, failure) -> probed());
		}
		return probing;
	}

	private synchronized void probed() {
		this.probing = null;
	}

	private CompletableFuture<Boolean> answers() {
		try {
			return this.probe.get().handle((answer, failure) -> failure == null);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.completedFuture(false);
		}
	}

	private void wentDown(Throwable failure) {
		synchronized (this) {
			if (isDown() || this.closed) {
				return;
			}
			this.status = new RateLimitStoreStatus(rejects() ? State.REJECTING : State.LOCAL_FALLBACK, Instant.now(),
					this.store.toString());
		}
		this.listener.onStoreOutage(this.store.kind());
		logger.warn("Rate-limit store " + this.store + " is unreachable (" + describe(failure) + "); "
				+ (rejects() ? "calls are rejected" : "limits are kept per instance")
				+ " until it answers again, probed every " + this.probeInterval.toMillis() + " ms");
		scheduleProbe();
	}

	private void scheduleProbe() {
		if (this.closed) {
			return;
		}
		try {
			this.scheduler.schedule(this::probeWhileDown, this.probeInterval.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// shutting down
		}
	}

	private void probeWhileDown() {
		probe().thenAccept((answers) -> {
			if (answers) {
				cameBack();
			}
			else {
				scheduleProbe();
			}
		});
	}

	private void cameBack() {
		synchronized (this) {
			if (!isDown() || this.closed) {
				return;
			}
			Instant now = Instant.now();
			// logged before the state changes, so that whoever sees the store back also
			// finds the line
			logger.info("Rate-limit store " + this.store + " answers again after "
					+ Duration.between(this.status.since(), now).toMillis() + " ms; limits are shared again");
			this.status = new RateLimitStoreStatus(State.SHARED, now, this.store.toString());
		}
	}

	private static String describe(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
		return isSlowAnswer(failure) ? "no answer in time, nor to a probe; " + reason
				: reason + "; no answer to a probe";
	}

	/**
	 * Stop probing: the client is closed.
	 */
	@Override
	public void close() {
		this.closed = true;
	}

}
