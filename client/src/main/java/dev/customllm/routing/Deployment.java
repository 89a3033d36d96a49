package dev.customllm.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import dev.customllm.internal.telemetry.RouteTag;

/**
 * One deployment of a route and its health: healthy, cooling down until a time (epoch
 * milliseconds), or half-open once that time has passed, when a single probe call is let
 * through. Thread-safe: the healthy path reads one volatile field; transitions are
 * synchronized and reported once to the route's {@link RouteEvents}.
 *
 * @param <M> the type of model
 * @author Custom LLM team
 */
final class Deployment<M> {

	private static final int LATENCY_SMOOTHING = 5;

	private final String name;

	private final M model;

	private final int weight;

	private final long bit;

	private final RouteTag tag;

	private final RouteEvents events;

	private final AtomicBoolean probing = new AtomicBoolean();

	private final AtomicInteger inFlight = new AtomicInteger();

	private volatile long coolingUntil;

	private volatile long latencyNanos;

	private volatile int failures;

	private long windowStart;

	Deployment(String name, M model, int weight, int index, RouteEvents events) {
		this.name = name;
		this.model = model;
		this.weight = weight;
		this.bit = 1L << index;
		this.tag = new RouteTag(events.route(), name);
		this.events = events;
	}

	String name() {
		return this.name;
	}

	M model() {
		return this.model;
	}

	int weight() {
		return this.weight;
	}

	long bit() {
		return this.bit;
	}

	RouteTag tag() {
		return this.tag;
	}

	int inFlight() {
		return this.inFlight.get();
	}

	long latencyNanos() {
		return this.latencyNanos;
	}

	long coolingUntil() {
		return this.coolingUntil;
	}

	/**
	 * Whether a call could go to the deployment now, without claiming anything.
	 */
	boolean selectable(long now) {
		long until = this.coolingUntil;
		return until == 0 || (now >= until && !this.probing.get());
	}

	/**
	 * Claim the deployment for a call: always when healthy, never while cooling, and for
	 * one probe call once the cooldown has ended.
	 */
	boolean tryAcquire(long now) {
		long until = this.coolingUntil;
		if (until == 0) {
			return true;
		}
		if (now < until || !this.probing.compareAndSet(false, true)) {
			return false;
		}
		this.events.halfOpen(this);
		return true;
	}

	void started() {
		this.inFlight.incrementAndGet();
	}

	void ended() {
		this.inFlight.decrementAndGet();
	}

	void recordLatency(long nanos) {
		long previous = this.latencyNanos;
		this.latencyNanos = (previous == 0) ? Math.max(1, nanos) : previous + (nanos - previous) / LATENCY_SMOOTHING;
	}

	/**
	 * The deployment answered: it is healthy.
	 */
	void succeeded() {
		if (this.coolingUntil != 0) {
			synchronized (this) {
				if (this.coolingUntil == 0) {
					return;
				}
				this.coolingUntil = 0;
				this.failures = 0;
				this.probing.set(false);
			}
			this.events.healthy(this);
		}
		else if (this.failures != 0) {
			synchronized (this) {
				this.failures = 0;
			}
		}
	}

	/**
	 * A call ended without telling anything about the deployment's health (cancelled):
	 * another call may probe it.
	 */
	void released() {
		if (this.coolingUntil != 0) {
			this.probing.set(false);
		}
	}

	/**
	 * The deployment failed a call in a way another deployment may not.
	 * @param reason why, such as {@code status_503}
	 * @param retryAfter how long the service asked to be left alone, if it said
	 * @param now the time, in epoch milliseconds
	 * @param settings the route's settings
	 */
	void failed(String reason, @Nullable Duration retryAfter, long now, RouteSettings settings) {
		long until;
		String why;
		synchronized (this) {
			long cooling = this.coolingUntil;
			if (retryAfter != null && !retryAfter.isNegative() && !retryAfter.isZero()) {
				until = now + retryAfter.toMillis();
				if (until <= cooling) {
					return;
				}
				why = reason + " asked to retry after " + retryAfter.toMillis() + " ms";
			}
			else if (cooling != 0) {
				if (now < cooling) {
					return;
				}
				until = now + settings.cooldown().toMillis();
				why = "the probe failed: " + reason;
			}
			else {
				if (now - this.windowStart > settings.failureWindow().toMillis()) {
					this.windowStart = now;
					this.failures = 0;
				}
				int count = this.failures + 1;
				this.failures = count;
				if (count < settings.allowedFails()) {
					return;
				}
				until = now + settings.cooldown().toMillis();
				why = count + " failures within " + settings.failureWindow().toSeconds() + " s, the last " + reason;
			}
			cool(until);
		}
		this.events.cooling(this, until, why, true);
	}

	/**
	 * Another instance of the route reported that the deployment cools down.
	 * @param until when the cooldown ends, in epoch milliseconds
	 * @param now the time, in epoch milliseconds
	 */
	void cooledElsewhere(long until, long now) {
		synchronized (this) {
			if (until <= now || until <= this.coolingUntil) {
				return;
			}
			cool(until);
		}
		this.events.cooling(this, until, "another instance of the route reported it", false);
	}

	private void cool(long until) {
		this.coolingUntil = until;
		this.failures = 0;
		this.probing.set(false);
	}

	DeploymentStatus status(long now) {
		long until = this.coolingUntil;
		if (until == 0) {
			return new DeploymentStatus(this.name, DeploymentStatus.State.HEALTHY, null);
		}
		DeploymentStatus.State state = (now < until) ? DeploymentStatus.State.COOLING
				: DeploymentStatus.State.HALF_OPEN;
		return new DeploymentStatus(this.name, state, Instant.ofEpochMilli(until));
	}

	@Override
	public String toString() {
		return this.name;
	}

}
