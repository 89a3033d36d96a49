package dev.customllm.routing;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a route that do not depend on its type of model. Immutable; made by the
 * routers' builders through {@link Builder}.
 *
 * @author Custom LLM team
 */
final class RouteSettings {

	static final int MAX_DEPLOYMENTS = 64;

	private final String name;

	private final RoutingStrategy strategy;

	private final int allowedFails;

	private final Duration cooldown;

	private final Duration failureWindow;

	private final Set<Integer> failoverStatuses;

	private final MeterRegistry meterRegistry;

	private final @Nullable CooldownStore cooldownStore;

	private final LongSupplier clock;

	private RouteSettings(Builder builder) {
		this.name = builder.name;
		this.strategy = builder.strategy;
		this.allowedFails = builder.allowedFails;
		this.cooldown = builder.cooldown;
		this.failureWindow = builder.failureWindow;
		this.failoverStatuses = Set.copyOf(builder.failoverStatuses);
		this.meterRegistry = (builder.meterRegistry != null) ? builder.meterRegistry : new SimpleMeterRegistry();
		this.cooldownStore = builder.cooldownStore;
		this.clock = builder.clock;
	}

	String name() {
		return this.name;
	}

	RoutingStrategy strategy() {
		return this.strategy;
	}

	int allowedFails() {
		return this.allowedFails;
	}

	Duration cooldown() {
		return this.cooldown;
	}

	Duration failureWindow() {
		return this.failureWindow;
	}

	Set<Integer> failoverStatuses() {
		return this.failoverStatuses;
	}

	MeterRegistry meterRegistry() {
		return this.meterRegistry;
	}

	@Nullable CooldownStore cooldownStore() {
		return this.cooldownStore;
	}

	LongSupplier clock() {
		return this.clock;
	}

	/**
	 * Collects and checks the settings.
	 */
	static final class Builder {

		private String name = "route";

		private RoutingStrategy strategy = RoutingStrategy.PRIORITY;

		private int allowedFails = 3;

		private Duration cooldown = Duration.ofSeconds(30);

		private Duration failureWindow = Duration.ofMinutes(1);

		private final Set<Integer> failoverStatuses = new TreeSet<>();

		private @Nullable MeterRegistry meterRegistry;

		private @Nullable CooldownStore cooldownStore;

		private LongSupplier clock = System::currentTimeMillis;

		void name(String name) {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("name must not be blank");
			}
			this.name = name;
		}

		void strategy(RoutingStrategy strategy) {
			this.strategy = notNull("strategy", strategy);
		}

		void allowedFails(int allowedFails) {
			if (allowedFails < 1) {
				throw new IllegalArgumentException("allowedFails must be at least 1, but was " + allowedFails);
			}
			this.allowedFails = allowedFails;
		}

		void cooldown(Duration cooldown) {
			this.cooldown = positive("cooldown", cooldown);
		}

		void failureWindow(Duration failureWindow) {
			this.failureWindow = positive("failureWindow", failureWindow);
		}

		void failoverOn(int... statuses) {
			for (int status : statuses) {
				if (status < 400 || status > 499) {
					throw new IllegalArgumentException(
							"failoverOn takes 4xx statuses (5xx always fail over), but was " + status);
				}
				this.failoverStatuses.add(status);
			}
		}

		void meterRegistry(MeterRegistry meterRegistry) {
			this.meterRegistry = notNull("meterRegistry", meterRegistry);
		}

		void cooldownStore(@Nullable CooldownStore cooldownStore) {
			this.cooldownStore = cooldownStore;
		}

		void clock(LongSupplier clock) {
			this.clock = notNull("clock", clock);
		}

		RouteSettings build() {
			return new RouteSettings(this);
		}

		private static Duration positive(String name, Duration duration) {
			if (duration == null || duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(name + " must be positive, but was " + duration);
			}
			return duration;
		}

		private static <T> T notNull(String name, T value) {
			if (value == null) {
				throw new IllegalArgumentException(name + " must not be null");
			}
			return value;
		}

	}

}
