package dev.customllm.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.CompletionResponse;

/**
 * A {@link CompletionModel} that sends each call to one of several deployments of the
 * same model (clients of several services, zones or providers), picked by a
 * {@link RoutingStrategy}, and moves the call to the next deployment when one fails in a
 * way another may not: no connection, a timeout, an unknown host, HTTP 408, 409, 429 or
 * 5xx, after the deployment's own retries. A request the service refused (400, 401, 403,
 * 404, 422) or an answer that cannot be used fails at once, as it would anywhere else;
 * {@link Builder#failoverOn(int...)} adds statuses that fail over. A deployment that
 * fails {@link Builder#allowedFails(int) allowedFails} times within a minute, or answers
 * 429 with {@code Retry-After}, cools down: it takes no calls until its cooldown ends,
 * then one probe call before full traffic. A stream fails over only before its first
 * chunk. When every deployment fails, the caller gets the last failure, naming each
 * deployment tried, with the earlier failures suppressed. Thread-safe.
 *
 * <pre class="code">
 * CompletionModel routed = CompletionRouter.builder()
 *     .deployment("zone-a", zoneA.completionModel("qwen3"))
 *     .deployment("zone-b", zoneB.completionModel("qwen3"), 3)
 *     .strategy(RoutingStrategy.WEIGHTED)
 *     .build();
 * </pre>
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class CompletionRouter implements CompletionModel, AutoCloseable {

	private final Route<CompletionModel> route;

	private final @Nullable CompletionModel contextWindowFallback;

	private final String fallbackName;

	private final Calls calls;

	private CompletionRouter(Route<CompletionModel> route, @Nullable CompletionModel contextWindowFallback) {
		this.route = route;
		this.contextWindowFallback = contextWindowFallback;
		this.fallbackName = (contextWindowFallback instanceof CompletionRouter router) ? router.name() : "fallback";
		this.calls = new Calls(contextWindowFallback, this.fallbackName);
	}

	/**
	 * Create a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the name of the route, which tags its observations and meters.
	 * @return the name
	 */
	public String name() {
		return this.route.name();
	}

	/**
	 * Return the state of each deployment, in the order they were added.
	 * @return the states
	 */
	public List<DeploymentStatus> deployments() {
		return this.route.status();
	}

	/**
	 * Complete a request on the deployment the strategy picks, failing over as the
	 * {@link CompletionRouter class} describes. The answer names the deployment that
	 * produced it ({@link CompletionResponse#deployment()}).
	 */
	@Override
	public Mono<CompletionResponse> completeAsync(CompletionRequest request) {
		return new RoutedMono<>(this.route, this.calls, request);
	}

	/**
	 * Stream the answer to a request from the deployment the strategy picks, failing over
	 * only until the first chunk reaches the caller; a deployment that breaks off the
	 * stream after that ends it with its typed error, naming it.
	 */
	@Override
	public Flux<CompletionChunk> stream(CompletionRequest request) {
		return Flux
			.defer(() -> new RoutedStream<>(this.route, (model) -> model.stream(request), streamFallback(request))
				.start());
	}

	private RoutedStream.@Nullable Fallback<CompletionChunk> streamFallback(CompletionRequest request) {
		CompletionModel fallback = this.contextWindowFallback;
		if (fallback == null) {
			return null;
		}
		String name = this.fallbackName;
		return new RoutedStream.Fallback<>() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public Flux<CompletionChunk> call() {
				return fallback.stream(request);
			}

		};
	}

	/**
	 * Stop listening to the route's shared cooldowns, if any. The deployments' models are
	 * left open: they belong to their clients.
	 */
	@Override
	public void close() {
		this.route.close();
	}

	@Override
	public String toString() {
		return "CompletionRouter[" + name() + ", " + this.route.settings().strategy() + ", " + this.route.deployments()
				+ "]";
	}

	/**
	 * The unary calls of a route of completion models.
	 */
	private static final class Calls
			implements RoutedMono.Calls<CompletionModel, CompletionRequest, CompletionResponse> {

		private final @Nullable CompletionModel fallback;

		private final String fallbackName;

		Calls(@Nullable CompletionModel fallback, String fallbackName) {
			this.fallback = fallback;
			this.fallbackName = fallbackName;
		}

		@Override
		public Mono<CompletionResponse> call(CompletionModel model, CompletionRequest request) {
			return model.completeAsync(request);
		}

		@Override
		public CompletionResponse answered(CompletionResponse answer, String deployment) {
			return answer.toBuilder().deployment(deployment).build();
		}

		@Override
		public @Nullable Mono<CompletionResponse> fallback(CompletionRequest request) {
			return (this.fallback != null) ? this.fallback.completeAsync(request) : null;
		}

		@Override
		public String fallbackName() {
			return this.fallbackName;
		}

	}

	/**
	 * Builder for {@link CompletionRouter}.
	 */
	public static final class Builder {

		private final RouteSettings.Builder settings = new RouteSettings.Builder();

		private final List<String> names = new ArrayList<>();

		private final List<CompletionModel> models = new ArrayList<>();

		private final List<Integer> weights = new ArrayList<>();

		private @Nullable CompletionModel contextWindowFallback;

		private Builder() {
		}

		/**
		 * Set the name of the route, which tags its observations, meters and logs.
		 * @param name the name, {@code route} by default
		 * @return this builder
		 */
		public Builder name(String name) {
			this.settings.name(name);
			return this;
		}

		/**
		 * Add a deployment of weight 1.
		 * @param name the name of the deployment, unique in the route
		 * @param model its model
		 * @return this builder
		 */
		public Builder deployment(String name, CompletionModel model) {
			return deployment(name, model, 1);
		}

		/**
		 * Add a deployment.
		 * @param name the name of the deployment, unique in the route
		 * @param model its model
		 * @param weight its share of calls with {@link RoutingStrategy#WEIGHTED}, at
		 * least 1
		 * @return this builder
		 */
		public Builder deployment(String name, CompletionModel model, int weight) {
			RouterArguments.deployment(name, model, weight);
			this.names.add(name);
			this.models.add(model);
			this.weights.add(weight);
			return this;
		}

		/**
		 * Set how a call picks its deployment.
		 * @param strategy the strategy, {@link RoutingStrategy#PRIORITY} by default
		 * @return this builder
		 */
		public Builder strategy(RoutingStrategy strategy) {
			this.settings.strategy(strategy);
			return this;
		}

		/**
		 * Set how many failures of a deployment within the failure window make it cool
		 * down.
		 * @param allowedFails the number of failures, 3 by default
		 * @return this builder
		 */
		public Builder allowedFails(int allowedFails) {
			this.settings.allowedFails(allowedFails);
			return this;
		}

		/**
		 * Set how long a deployment that failed too often takes no calls.
		 * @param cooldown the cooldown, 30 seconds by default
		 * @return this builder
		 */
		public Builder cooldown(Duration cooldown) {
			this.settings.cooldown(cooldown);
			return this;
		}

		/**
		 * Set the window in which {@link #allowedFails(int) allowedFails} failures make a
		 * deployment cool down.
		 * @param failureWindow the window, one minute by default
		 * @return this builder
		 */
		public Builder failureWindow(Duration failureWindow) {
			this.settings.failureWindow(failureWindow);
			return this;
		}

		/**
		 * Fail over also on these 4xx statuses, such as {@code 401} when a provider's key
		 * may be revoked.
		 * @param statuses the statuses
		 * @return this builder
		 */
		public Builder failoverOn(int... statuses) {
			this.settings.failoverOn(statuses);
			return this;
		}

		/**
		 * Send a call whose prompt does not fit the deployments' context window (HTTP 400
		 * with the providers' usual codes and messages) to another model, such as a
		 * router of a model with a larger window.
		 * @param fallback the model, or {@code null} for none
		 * @return this builder
		 */
		public Builder contextWindowFallback(@Nullable CompletionModel fallback) {
			this.contextWindowFallback = fallback;
			return this;
		}

		/**
		 * Set the registry of the failover counter.
		 * @param meterRegistry the registry, a private one by default
		 * @return this builder
		 */
		public Builder meterRegistry(MeterRegistry meterRegistry) {
			this.settings.meterRegistry(meterRegistry);
			return this;
		}

		/**
		 * Share the cooldowns with the other instances of the application.
		 * @param cooldownStore the store, or {@code null} to keep them local
		 * @return this builder
		 */
		public Builder cooldownStore(@Nullable CooldownStore cooldownStore) {
			this.settings.cooldownStore(cooldownStore);
			return this;
		}

		Builder clock(LongSupplier clock) {
			this.settings.clock(clock);
			return this;
		}

		/**
		 * Build the router.
		 * @return the router
		 * @throws IllegalArgumentException if there is no deployment, or two share a name
		 */
		public CompletionRouter build() {
			return new CompletionRouter(Route.create(this.settings.build(), this.names, this.models, this.weights),
					this.contextWindowFallback);
		}

	}

}
