package dev.customllm.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

import dev.customllm.LlmApiException;
import dev.customllm.LlmRateLimitException;
import dev.customllm.internal.resilience.RetryClassifier;

/**
 * The deployments of one route and how a call picks one: by the route's strategy among
 * those not cooling down and not tried yet by the call, else the one whose cooldown ends
 * first, so that a call is never refused without trying anything. Thread-safe.
 *
 * @param <M> the type of model
 * @author Custom LLM team
 */
final class Route<M> implements AutoCloseable {

	/**
	 * Share of calls of {@link RoutingStrategy#LOWEST_LATENCY} that go to a random
	 * deployment, so that one that became faster is noticed.
	 */
	static final double EXPLORATION = 0.05;

	private final RouteSettings settings;

	private final List<Deployment<M>> deployments;

	private final RouteEvents events;

	private final boolean countsInFlight;

	private final boolean timesAnswers;

	private final @Nullable AutoCloseable listening;

	private Route(RouteSettings settings, List<Deployment<M>> deployments, RouteEvents events) {
		this.settings = settings;
		this.deployments = deployments;
		this.events = events;
		this.countsInFlight = settings.strategy() == RoutingStrategy.LEAST_BUSY;
		this.timesAnswers = settings.strategy() == RoutingStrategy.LOWEST_LATENCY;
		this.listening = listen(settings.cooldownStore());
	}

	/**
	 * Create a route.
	 * @param settings the settings
	 * @param names the names of the deployments
	 * @param models their models
	 * @param weights their weights
	 * @return the route
	 */
	static <M> Route<M> create(RouteSettings settings, List<String> names, List<M> models, List<Integer> weights) {
		if (names.isEmpty()) {
			throw new IllegalArgumentException("route '" + settings.name() + "' needs at least one deployment");
		}
		if (names.size() > RouteSettings.MAX_DEPLOYMENTS) {
			throw new IllegalArgumentException("route '" + settings.name() + "' has " + names.size()
					+ " deployments, at most " + RouteSettings.MAX_DEPLOYMENTS + " are supported");
		}
		Set<String> unique = new HashSet<>();
		for (String name : names) {
			if (!unique.add(name)) {
				throw new IllegalArgumentException(
						"route '" + settings.name() + "' has two deployments named '" + name + "'");
			}
		}
		RouteEvents events = new RouteEvents(settings.name(), settings.meterRegistry(), settings.cooldownStore());
		List<Deployment<M>> deployments = new ArrayList<>(names.size());
		for (int i = 0; i < names.size(); i++) {
			deployments.add(new Deployment<>(names.get(i), models.get(i), weights.get(i), i, events));
		}
		return new Route<>(settings, List.copyOf(deployments), events);
	}

	String name() {
		return this.settings.name();
	}

	RouteSettings settings() {
		return this.settings;
	}

	RouteEvents events() {
		return this.events;
	}

	List<Deployment<M>> deployments() {
		return this.deployments;
	}

	List<DeploymentStatus> status() {
		long now = this.settings.clock().getAsLong();
		List<DeploymentStatus> status = new ArrayList<>(this.deployments.size());
		for (Deployment<M> deployment : this.deployments) {
			status.add(deployment.status(now));
		}
		return List.copyOf(status);
	}

	/**
	 * Pick the deployment of the next attempt of a call, and claim it.
	 * @param tried the deployments the call tried, as a bit set
	 * @return the deployment, or {@code null} when the call tried them all
	 */
	@Nullable Deployment<M> select(long tried) {
		long now = this.settings.clock().getAsLong();
		long skipped = tried;
		for (int i = 0; i < this.deployments.size(); i++) {
			Deployment<M> picked = pick(skipped, now);
			if (picked == null) {
				break;
			}
			if (picked.tryAcquire(now)) {
				return picked;
			}
			skipped |= picked.bit();
		}
		return coolingLeast(tried);
	}

	private @Nullable Deployment<M> pick(long skipped, long now) {
		return switch (this.settings.strategy()) {
			case PRIORITY -> first(skipped, now);
			case WEIGHTED -> weighted(skipped, now);
			case LEAST_BUSY -> leastBusy(skipped, now);
			case LOWEST_LATENCY ->
				(ThreadLocalRandom.current().nextDouble() < EXPLORATION) ? random(skipped, now) : fastest(skipped, now);
		};
	}

	private @Nullable Deployment<M> first(long skipped, long now) {
		for (int i = 0; i < this.deployments.size(); i++) {
			Deployment<M> deployment = this.deployments.get(i);
			if ((skipped & deployment.bit()) == 0 && deployment.selectable(now)) {
				return deployment;
			}
		}
		return null;
	}

	private @Nullable Deployment<M> weighted(long skipped, long now) {
		int total = 0;
		for (int i = 0; i < this.deployments.size(); i++) {
			Deployment<M> deployment = this.deployments.get(i);
			if ((skipped & deployment.bit()) == 0 && deployment.selectable(now)) {
				total += deployment.weight();
			}
		}
		if (total == 0) {
			return null;
		}
		int point = ThreadLocalRandom.current().nextInt(total);
		for (int i = 0; i < this.deployments.size(); i++) {
			Deployment<M> deployment = this.deployments.get(i);
			if ((skipped & deployment.bit()) == 0 && deployment.selectable(now)) {
				point -= deployment.weight();
				if (point < 0) {
					return deployment;
				}
			}
		}
		return null;
	}

	private @Nullable Deployment<M> random(long skipped, long now) {
		return lowest(skipped, now, (deployment) -> 0);
	}

	private @Nullable Deployment<M> leastBusy(long skipped, long now) {
		return lowest(skipped, now, Deployment::inFlight);
	}

	private @Nullable Deployment<M> fastest(long skipped, long now) {
		return lowest(skipped, now, Deployment::latencyNanos);
	}

	/**
	 * The selectable deployment of the lowest measure; ties go to a random one.
	 */
	private @Nullable Deployment<M> lowest(long skipped, long now, Measure measure) {
		int size = this.deployments.size();
		int start = (size > 1) ? ThreadLocalRandom.current().nextInt(size) : 0;
		Deployment<M> best = null;
		long bestMeasure = Long.MAX_VALUE;
		for (int i = 0; i < size; i++) {
			Deployment<M> deployment = this.deployments.get((start + i) % size);
			if ((skipped & deployment.bit()) == 0 && deployment.selectable(now)) {
				long value = measure.of(deployment);
				if (best == null || value < bestMeasure) {
					best = deployment;
					bestMeasure = value;
				}
			}
		}
		return best;
	}

	private @Nullable Deployment<M> coolingLeast(long tried) {
		Deployment<M> best = null;
		for (Deployment<M> deployment : this.deployments) {
			if ((tried & deployment.bit()) == 0 && (best == null || deployment.coolingUntil() < best.coolingUntil())) {
				best = deployment;
			}
		}
		return best;
	}

	/**
	 * Return when an attempt on a deployment starts, for the strategy's bookkeeping.
	 */
	long started(Deployment<M> deployment) {
		if (this.countsInFlight) {
			deployment.started();
		}
		return this.timesAnswers ? System.nanoTime() : 0;
	}

	/**
	 * The deployment answered (the first chunk of a stream).
	 */
	void answered(Deployment<M> deployment, long start) {
		if (this.timesAnswers) {
			deployment.recordLatency(System.nanoTime() - start);
		}
		deployment.succeeded();
	}

	/**
	 * The attempt on a deployment ended, whatever its outcome.
	 */
	void ended(Deployment<M> deployment) {
		if (this.countsInFlight) {
			deployment.ended();
		}
	}

	/**
	 * Record a failure of a deployment and tell whether the call should try another.
	 * @return why the call moves on, or {@code null} when it should not
	 */
	@Nullable String failed(Deployment<M> deployment, Throwable failure) {
		String reason = RetryClassifier.failoverReason(failure, this.settings.failoverStatuses());
		if (reason == null) {
			if (failure instanceof LlmApiException) {
				// it answered, so it is up: the request was at fault
				deployment.succeeded();
			}
			else {
				deployment.released();
			}
			return null;
		}
		deployment.failed(reason,
				(failure instanceof LlmRateLimitException limited) ? limited.retryAfter().orElse(null) : null,
				this.settings.clock().getAsLong(), this.settings);
		return reason;
	}

	private @Nullable AutoCloseable listen(@Nullable CooldownStore store) {
		if (store == null) {
			return null;
		}
		try {
			AutoCloseable listening = store.listen(name(), this::cooledElsewhere);
			store.cooldowns(name()).whenComplete((cooldowns, failure) -> {
				if (failure != null) {
					this.events.storeFailed(store, failure);
				}
				else {
					cooldowns.forEach(this::cooledElsewhere);
				}
			});
			return listening;
		}
		catch (RuntimeException ex) {
			this.events.storeFailed(store, ex);
			return null;
		}
	}

	private void cooledElsewhere(String name, Instant until) {
		for (Deployment<M> deployment : this.deployments) {
			if (deployment.name().equals(name)) {
				deployment.cooledElsewhere(until.toEpochMilli(), this.settings.clock().getAsLong());
			}
		}
	}

	@Override
	public void close() {
		if (this.listening != null) {
			try {
				this.listening.close();
			}
			catch (Exception ex) {
				// closing only stops listening
			}
		}
	}

	/**
	 * A measure of a deployment, lower is better.
	 */
	@FunctionalInterface
	private interface Measure {

		long of(Deployment<?> deployment);

	}

}
