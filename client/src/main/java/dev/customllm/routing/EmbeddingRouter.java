package dev.customllm.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.embedding.Embedding;
import dev.customllm.embedding.EmbeddingDefaults;
import dev.customllm.embedding.EmbeddingModel;
import dev.customllm.internal.embedding.OpenAiEmbeddingModel;

/**
 * An {@link EmbeddingModel} over several deployments of the same embedding model. The
 * texts of one call are cut into slices of {@link Builder#batchSize(int) batchSize} that
 * go to the deployments in parallel, each picked by the {@link RoutingStrategy}
 * ({@link RoutingStrategy#LEAST_BUSY} by default, which spreads them), failing over and
 * cooling down as a {@link CompletionRouter} does; the vectors come back in the order of
 * the texts. It refuses to be built over deployments whose model or dimensions differ,
 * when their clients tell them: vectors of two models cannot be compared. Thread-safe.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class EmbeddingRouter implements EmbeddingModel, AutoCloseable {

	private static final EmbeddingCalls EMBEDDINGS = new EmbeddingCalls();

	private static final VectorCalls VECTORS = new VectorCalls();

	private final Route<EmbeddingModel> route;

	private final int batchSize;

	private final int concurrency;

	private EmbeddingRouter(Route<EmbeddingModel> route, int batchSize, int concurrency) {
		this.route = route;
		this.batchSize = batchSize;
		this.concurrency = concurrency;
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

	@Override
	public Mono<List<Embedding>> embedAllAsync(List<String> texts) {
		return Mono.fromCallable(() -> checked(texts))
			.flatMap((checked) -> spread(checked, EMBEDDINGS, (embedding, offset) -> {
				int at = offset + embedding.index();
				return new Placed<>(at, embedding.withIndex(at));
			}));
	}

	/**
	 * {@inheritDoc} Each slice's arrays are handed over by its deployment's model
	 * (without a copy on the client's own), and on by the router.
	 */
	@Override
	public Mono<List<float[]>> embedAllVectorsAsync(List<String> texts) {
		return Mono.fromCallable(() -> checked(texts)).flatMap((checked) -> spread(checked, VECTORS, null));
	}

	/**
	 * Embed the texts in slices of the batch size, in parallel, each routed on its own,
	 * and put the answers of the slices in the order of the texts: by their own index
	 * when {@code place} is given, else in the order each slice answered.
	 */
	private <R> Mono<List<R>> spread(List<String> texts, RoutedMono.Calls<EmbeddingModel, List<String>, List<R>> calls,
			@Nullable BiFunction<R, Integer, Placed<R>> place) {
		if (texts.size() <= this.batchSize) {
			return new RoutedMono<>(this.route, calls, texts);
		}
		Object[] result = new Object[texts.size()];
		int slices = (texts.size() + this.batchSize - 1) / this.batchSize;
		return Flux.range(0, slices).flatMap((slice) -> {
			int offset = slice * this.batchSize;
			List<String> input = texts.subList(offset, Math.min(texts.size(), offset + this.batchSize));
			return new RoutedMono<>(this.route, calls, input).doOnNext((answers) -> {
				for (int i = 0; i < answers.size(); i++) {
					if (place != null) {
						Placed<R> placed = place.apply(answers.get(i), offset);
						result[placed.at()] = placed.value();
					}
					else {
						result[offset + i] = answers.get(i);
					}
				}
			});
		}, this.concurrency).then(Mono.fromCallable(() -> joined(result)));
	}

	@SuppressWarnings("unchecked")
	private static <R> List<R> joined(Object[] result) {
		return (List<R>) List.of(result);
	}

	private static List<String> checked(List<String> texts) {
		if (texts == null || texts.isEmpty()) {
			throw new IllegalArgumentException("texts must not be empty");
		}
		for (int i = 0; i < texts.size(); i++) {
			String text = texts.get(i);
			if (text == null || text.isBlank()) {
				throw new IllegalArgumentException("texts[" + i + "] must not be blank");
			}
		}
		return List.copyOf(texts);
	}

	/**
	 * Stop listening to the route's shared cooldowns, if any.
	 */
	@Override
	public void close() {
		this.route.close();
	}

	@Override
	public String toString() {
		return "EmbeddingRouter[" + name() + ", " + this.route.settings().strategy() + ", " + this.route.deployments()
				+ "]";
	}

	/**
	 * A value and its position among the texts.
	 */
	private record Placed<R>(int at, R value) {

	}

	/**
	 * The calls of a route of embedding models.
	 */
	private abstract static class Calls<R> implements RoutedMono.Calls<EmbeddingModel, List<String>, List<R>> {

		@Override
		public List<R> answered(List<R> answer, String deployment) {
			return answer;
		}

		@Override
		public @Nullable Mono<List<R>> fallback(List<String> texts) {
			return null;
		}

		@Override
		public String fallbackName() {
			return "none";
		}

	}

	/**
	 * The calls that embed texts.
	 */
	private static final class EmbeddingCalls extends Calls<Embedding> {

		@Override
		public Mono<List<Embedding>> call(EmbeddingModel model, List<String> texts) {
			return model.embedAllAsync(texts);
		}

	}

	/**
	 * The calls that embed texts into arrays the caller owns.
	 */
	private static final class VectorCalls extends Calls<float[]> {

		@Override
		public Mono<List<float[]>> call(EmbeddingModel model, List<String> texts) {
			return model.embedAllVectorsAsync(texts);
		}

	}

	/**
	 * Builder for {@link EmbeddingRouter}.
	 */
	public static final class Builder {

		private final RouteSettings.Builder settings = new RouteSettings.Builder();

		private final List<String> names = new ArrayList<>();

		private final List<EmbeddingModel> models = new ArrayList<>();

		private final List<Integer> weights = new ArrayList<>();

		private int batchSize = 256;

		private int maxConcurrency = 4;

		private Builder() {
			this.settings.strategy(RoutingStrategy.LEAST_BUSY);
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
		public Builder deployment(String name, EmbeddingModel model) {
			return deployment(name, model, 1);
		}

		/**
		 * Add a deployment.
		 * @param name the name of the deployment, unique in the route
		 * @param model its model
		 * @param weight its share of slices with {@link RoutingStrategy#WEIGHTED}, at
		 * least 1
		 * @return this builder
		 */
		public Builder deployment(String name, EmbeddingModel model, int weight) {
			RouterArguments.deployment(name, model, weight);
			this.names.add(name);
			this.models.add(model);
			this.weights.add(weight);
			return this;
		}

		/**
		 * Set how each slice picks its deployment.
		 * @param strategy the strategy, {@link RoutingStrategy#LEAST_BUSY} by default
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
		 * Fail over also on these 4xx statuses, such as {@code 401}.
		 * @param statuses the statuses
		 * @return this builder
		 */
		public Builder failoverOn(int... statuses) {
			this.settings.failoverOn(statuses);
			return this;
		}

		/**
		 * Set how many texts go to a deployment in one slice of a call.
		 * @param batchSize the number of texts, 256 by default
		 * @return this builder
		 */
		public Builder batchSize(int batchSize) {
			if (batchSize < 1) {
				throw new IllegalArgumentException("batchSize must be at least 1, but was " + batchSize);
			}
			this.batchSize = batchSize;
			return this;
		}

		/**
		 * Set how many slices of one call may be in flight per deployment.
		 * @param maxConcurrency the number of slices, 4 by default
		 * @return this builder
		 */
		public Builder maxConcurrency(int maxConcurrency) {
			if (maxConcurrency < 1) {
				throw new IllegalArgumentException("maxConcurrency must be at least 1, but was " + maxConcurrency);
			}
			this.maxConcurrency = maxConcurrency;
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
		 * @throws IllegalArgumentException if there is no deployment, two share a name,
		 * or two use different models or dimensions
		 */
		public EmbeddingRouter build() {
			RouteSettings settings = this.settings.build();
			checkSameModel(settings.name());
			return new EmbeddingRouter(Route.create(settings, this.names, this.models, this.weights), this.batchSize,
					this.maxConcurrency * Math.max(1, this.names.size()));
		}

		private void checkSameModel(String route) {
			String firstName = null;
			EmbeddingDefaults first = null;
			for (int i = 0; i < this.models.size(); i++) {
				if (!(this.models.get(i) instanceof OpenAiEmbeddingModel model)) {
					continue;
				}
				EmbeddingDefaults defaults = model.defaults();
				if (first == null || firstName == null) {
					first = defaults;
					firstName = this.names.get(i);
					continue;
				}
				if (!Objects.equals(first.model(), defaults.model())) {
					throw new IllegalArgumentException("route '" + route + "' mixes embedding models: deployment '"
							+ firstName + "' uses " + first.model() + ", deployment '" + this.names.get(i) + "' uses "
							+ defaults.model() + "; vectors of two models cannot be compared");
				}
				if (first.dimensions() != null && defaults.dimensions() != null
						&& !first.dimensions().equals(defaults.dimensions())) {
					throw new IllegalArgumentException("route '" + route + "' mixes embedding dimensions: deployment '"
							+ firstName + "' has " + first.dimensions() + ", deployment '" + this.names.get(i)
							+ "' has " + defaults.dimensions());
				}
			}
		}

	}

}
