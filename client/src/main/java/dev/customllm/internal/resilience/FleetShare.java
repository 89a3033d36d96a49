package dev.customllm.internal.resilience;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.customllm.resilience.Bandwidth;
import dev.customllm.resilience.RateLimitStore;

/**
 * How many instances share a client's limits, learnt from heartbeats sent to the shared
 * store every {@link #HEARTBEAT_INTERVAL} while it answers, so that each instance falls
 * back to its fair share ({@code limit / instances}) while the store is lost: the larger
 * of the configured expected instances and the last count the store gave. An instance
 * that never reached its store knows only the configured count. Thread-safe.
 *
 * @author Custom LLM team
 */
final class FleetShare implements AutoCloseable {

	static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

	private final RateLimitStore store;

	private final int expected;

	private final ScheduledExecutorService scheduler;

	private final Duration interval;

	private final Consumer<Duration> latency;

	private final String instance = UUID.randomUUID().toString();

	private volatile int lastCount;

	private volatile boolean closed;

	/**
	 * Create a new instance and send its first heartbeat.
	 * @param store the shared store
	 * @param expectedInstances the instances the fleet is configured to have, or
	 * {@code null} when unknown
	 * @param scheduler sends the heartbeats
	 * @param interval the pause between two heartbeats
	 * @param latency told how long each answered heartbeat took
	 */
	FleetShare(RateLimitStore store, @Nullable Integer expectedInstances, ScheduledExecutorService scheduler,
			Duration interval, Consumer<Duration> latency) {
		this.store = store;
		this.expected = (expectedInstances != null) ? expectedInstances : 1;
		this.scheduler = scheduler;
		this.interval = interval;
		this.latency = latency;
		beat();
	}

	/**
	 * Return how many instances share the limits, as far as this one knows.
	 * @return the instances, at least 1
	 */
	int instances() {
		return Math.max(1, Math.max(this.expected, this.lastCount));
	}

	/**
	 * Return this instance's fair share of a bandwidth: the same refill rate divided by
	 * the instances, with at least one token of capacity.
	 * @param bandwidth the fleet's bandwidth
	 * @param instances the instances that share it
	 * @return the share
	 */
	static Bandwidth share(Bandwidth bandwidth, int instances) {
		if (instances <= 1) {
			return bandwidth;
		}
		long capacity = Math.max(1, bandwidth.capacity() / instances);
		// capacity tokens every period * instances * capacity / refill: the rate divided
		// by
		// the instances, exactly
		double periodNanos = (double) bandwidth.refillPeriodNanos() * instances * capacity / bandwidth.refillTokens();
		return new Bandwidth(capacity, capacity, Duration.ofNanos(Math.max(1, Math.round(periodNanos))));
	}

	private void beat() {
		if (this.closed) {
			return;
		}
		CompletableFuture<Integer> beat;
		long start = System.nanoTime();
		try {
			beat = this.store.heartbeat(this.instance);
		}
		catch (RuntimeException ex) {
			beat = CompletableFuture.failedFuture(ex);
		}
		if (beat == null) {
			return;
		}
		beat.whenComplete((count, failure) -> {
			if (failure == null && count != null && count > 0) {
				this.lastCount = count;
				this.latency.accept(Duration.ofNanos(System.nanoTime() - start));
			}
			scheduleBeat();
		});
	}

	private void scheduleBeat() {
		if (this.closed) {
			return;
		}
		try {
			this.scheduler.schedule(this::beat, this.interval.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// shutting down
		}
	}

	/**
	 * Stop the heartbeats and tell the store this instance left.
	 */
	@Override
	public void close() {
		this.closed = true;
		try {
			this.store.leave(this.instance);
		}
		catch (RuntimeException ex) {
			// the store is lost: the heartbeat expires by itself
		}
	}

}
