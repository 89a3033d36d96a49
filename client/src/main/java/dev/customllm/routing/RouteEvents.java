package dev.customllm.routing;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * What a route tells operations: a WARN when a deployment starts cooling down, an INFO
 * when its cooldown ends and when it is healthy again (once per transition, never per
 * call), the {@code custom.llm.route.failovers} counter, and the cooldowns it shares
 * through a {@link CooldownStore}, if any. A store that fails is logged once and then
 * left out until it answers again.
 *
 * @author Custom LLM team
 */
final class RouteEvents {

	/**
	 * Name of the counter of failovers, tagged by route, from, to and reason.
	 */
	static final String FAILOVERS = "custom.llm.route.failovers";

	private static final Log logger = LogFactory.getLog(RouteEvents.class);

	private final String route;

	private final MeterRegistry meterRegistry;

	private final @Nullable CooldownStore store;

	private final AtomicBoolean storeDown = new AtomicBoolean();

	RouteEvents(String route, MeterRegistry meterRegistry, @Nullable CooldownStore store) {
		this.route = route;
		this.meterRegistry = meterRegistry;
		this.store = store;
	}

	String route() {
		return this.route;
	}

	void failover(String from, String to, String reason) {
		Counter.builder(FAILOVERS)
			.description("Calls of a route that moved to another deployment")
			.tag("route", this.route)
			.tag("from", from)
			.tag("to", to)
			.tag("reason", reason)
			.register(this.meterRegistry)
			.increment();
	}

	void cooling(Deployment<?> deployment, long until, String why, boolean share) {
		if (logger.isWarnEnabled()) {
			logger.warn("Deployment '" + deployment.name() + "' of route '" + this.route + "' cools down until "
					+ Instant.ofEpochMilli(until) + ": " + why);
		}
		if (share && this.store != null) {
			share(this.store, deployment.name(), until);
		}
	}

	void halfOpen(Deployment<?> deployment) {
		if (logger.isInfoEnabled()) {
			logger.info("Cooldown of deployment '" + deployment.name() + "' of route '" + this.route
					+ "' ended; probing it with one call");
		}
	}

	void healthy(Deployment<?> deployment) {
		if (logger.isInfoEnabled()) {
			logger.info("Deployment '" + deployment.name() + "' of route '" + this.route + "' is healthy again");
		}
	}

	private void share(CooldownStore store, String deployment, long until) {
		try {
			store.coolDown(this.route, deployment, Instant.ofEpochMilli(until)).whenComplete((done, failure) -> {
				if (failure != null) {
					storeFailed(store, failure);
				}
				else {
					storeAnswered(store);
				}
			});
		}
		catch (RuntimeException ex) {
			storeFailed(store, ex);
		}
	}

	void storeFailed(CooldownStore store, Throwable failure) {
		if (this.storeDown.compareAndSet(false, true) && logger.isWarnEnabled()) {
			logger.warn("Cooldown store " + store + " of route '" + this.route
					+ "' cannot be reached; cooldowns stay local until it answers: " + failure);
		}
	}

	void storeAnswered(CooldownStore store) {
		if (this.storeDown.compareAndSet(true, false) && logger.isInfoEnabled()) {
			logger.info("Cooldown store " + store + " of route '" + this.route + "' answers again");
		}
	}

}
