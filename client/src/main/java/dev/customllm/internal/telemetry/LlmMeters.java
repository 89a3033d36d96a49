package dev.customllm.internal.telemetry;

import dev.customllm.observation.LlmObservationContext;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import dev.customllm.LlmOperation;
import dev.customllm.internal.resilience.ResilienceListener;
import dev.customllm.resilience.RateLimitStoreStatus.State;

/**
 * The meters of one client besides the {@code gen_ai.client.operation} timer: token
 * usage, retries, client-side limits, requests in flight, embedding batch sizes and
 * stream time to first chunk. Tags never hold prompt or completion text.
 * <p>
 * The meters recorded on every call (token usage, time to first chunk, batch sizes,
 * granted permits) are cached by their tag values, so that a call with models already
 * seen neither builds tags nor looks meters up in the registry. Each cache holds at most
 * {@value #MAX_CACHED_KEYS} keys; meters of further keys are still recorded, through the
 * registry as if uncached. A cache is emptied when one of its meters is removed from the
 * registry.
 *
 * @author Custom LLM team
 */
public final class LlmMeters implements ResilienceListener {

	/**
	 * Name of the token usage distribution summary.
	 */
	public static final String TOKEN_USAGE = "gen_ai.client.token.usage";

	/**
	 * Name of the counter of input tokens read from the service's prompt cache.
	 */
	public static final String CACHE_READ_INPUT_TOKENS = "gen_ai.client.inference.usage.cache_read.input_tokens";

	/**
	 * Name of the counter of output tokens spent reasoning.
	 */
	public static final String REASONING_OUTPUT_TOKENS = "gen_ai.client.inference.usage.reasoning.output_tokens";

	private static final String TIME_TO_FIRST_CHUNK = "gen_ai.client.stream.time_to_first_chunk";

	private static final String BATCH_SIZE = "gen_ai.client.embedding.batch.size";

	private static final String PERMITS = "gen_ai.client.rate_limit.permits";

	/**
	 * Most keys held by each cache of meters, so that callers sending many distinct model
	 * names cannot grow it without bound.
	 */
	static final int MAX_CACHED_KEYS = 1000;

	private final MeterRegistry registry;

	private final ModelTags modelTags;

	private final String providerName;

	private final AtomicInteger active = new AtomicInteger();

	private final Map<TokenKey, TokenSummaries> tokenUsage = new ConcurrentHashMap<>();

	private final Map<ModelKey, Timer> timesToFirstChunk = new ConcurrentHashMap<>();

	private final Map<String, DistributionSummary> batchSizes = new ConcurrentHashMap<>();

	private final Map<PermitKey, Counter> permits = new ConcurrentHashMap<>();

	// Created once so that a cache hit allocates no lambda
	private final Function<TokenKey, TokenSummaries> tokenSummariesFactory = this::tokenSummaries;

	private final Function<ModelKey, Timer> timeToFirstChunkFactory = this::timeToFirstChunkTimer;

	private final Function<String, DistributionSummary> batchSizeFactory = this::batchSizeSummary;

	private final Function<PermitKey, Counter> permitCounterFactory = this::permitCounter;

	/**
	 * Create meters for one client.
	 * @param registry the registry; an empty composite registry, which keeps nothing,
	 * when the application has none
	 * @param providerName the client's provider name, a tag of every meter
	 */
	public LlmMeters(MeterRegistry registry, String providerName) {
		this(registry, providerName, new ModelTags(Set.of(), ModelTags.LIMIT));
	}

	LlmMeters(MeterRegistry registry, String providerName, ModelTags modelTags) {
		this.modelTags = modelTags;
		this.registry = registry;
		this.providerName = providerName;
		Gauge.builder("gen_ai.client.requests.active", this.active, AtomicInteger::get)
			.description("Calls to the LLM service in flight")
			.tag("gen_ai.provider.name", providerName)
			.register(registry);
		registry.config().onMeterRemoved(evictOnRemoval(this));
	}

	void callStarted() {
		this.active.incrementAndGet();
	}

	void callEnded(LlmObservationContext context) {
		this.active.decrementAndGet();
		@Nullable Integer inputTokens = context.getInputTokens();
		@Nullable Integer outputTokens = context.getOutputTokens();
		if (inputTokens == null && outputTokens == null) {
			return;
		}
		// the context's model names are tag values already: LlmTelemetry bounds them
		TokenSummaries summaries = cached(this.tokenUsage, new TokenKey(context.getOperation(),
				unknownIfNull(context.getRequestModel()), unknownIfNull(context.getResponseModel())),
				this.tokenSummariesFactory);
		if (inputTokens != null) {
			summaries.input().record(inputTokens);
		}
		if (outputTokens != null) {
			summaries.output().record(outputTokens);
		}
		@Nullable Integer cached = context.getCachedInputTokens();
		if (cached != null) {
			summaries.cachedInput().increment(cached);
		}
		@Nullable Integer reasoning = context.getReasoningOutputTokens();
		if (reasoning != null) {
			summaries.reasoningOutput().increment(reasoning);
		}
	}

	private TokenSummaries tokenSummaries(TokenKey key) {
		return new TokenSummaries(
				Tags.of("gen_ai.operation.name", key.operation().value(), "gen_ai.provider.name", this.providerName,
						"gen_ai.request.model", key.requestModel(), "gen_ai.response.model", key.responseModel()));
	}

	private Counter tokenCounter(Tags tags, String name) {
		return Counter.builder(name)
			.description(name.equals(CACHE_READ_INPUT_TOKENS) ? "Input tokens served from the service's prompt cache"
					: "Output tokens spent reasoning")
			.baseUnit("tokens")
			.tags(tags)
			.register(this.registry);
	}

	private DistributionSummary tokenSummary(Tags tags, String tokenType) {
		return DistributionSummary.builder(TOKEN_USAGE)
			.description("Tokens used by LLM calls")
			.baseUnit("tokens")
			.tags(tags.and("gen_ai.token.type", tokenType))
			.register(this.registry);
	}

	void recordTimeToFirstChunk(LlmOperation operation, @Nullable String model, Duration time) {
		cached(this.timesToFirstChunk, new ModelKey(operation, orUnknown(model)), this.timeToFirstChunkFactory)
			.record(time);
	}

	private Timer timeToFirstChunkTimer(ModelKey key) {
		return Timer.builder(TIME_TO_FIRST_CHUNK)
			.description("Time from the request to the first chunk of a stream")
			.tags(operationTags(key.operation()).and("gen_ai.request.model", key.model()))
			.register(this.registry);
	}

	/**
	 * Record the size of one embedding batch request.
	 * @param model the model asked for, if any
	 * @param size the number of texts in the batch
	 */
	public void recordBatchSize(@Nullable String model, int size) {
		cached(this.batchSizes, orUnknown(model), this.batchSizeFactory).record(size);
	}

	private DistributionSummary batchSizeSummary(String model) {
		return DistributionSummary.builder(BATCH_SIZE)
			.description("Texts per embeddings request")
			.tags(operationTags(LlmOperation.EMBEDDINGS).and("gen_ai.request.model", model))
			.register(this.registry);
	}

	@Override
	public void onRetry(LlmOperation operation, String reason, int attempt, Duration wait) {
		Counter.builder("gen_ai.client.retries")
			.description("Failed attempts that were retried, by reason")
			.tags(operationTags(operation).and("reason", reason))
			.register(this.registry)
			.increment();
	}

	@Override
	public void onRetryBudgetExhausted(LlmOperation operation) {
		Counter.builder("gen_ai.client.retry_budget.exhausted")
			.description("Retryable failures not retried because the retry budget was spent")
			.tags(operationTags(operation))
			.register(this.registry)
			.increment();
	}

	@Override
	public void onLimitWait(LlmOperation operation, String limit, Duration wait) {
		Timer.builder("gen_ai.client.rate_limit.waits")
			.description("Time calls waited for a client-side limit")
			.tags(operationTags(operation).and("limit", limit))
			.register(this.registry)
			.record(wait);
	}

	@Override
	public void onLimitRejected(LlmOperation operation, String limit, String reason) {
		Counter.builder("gen_ai.client.rate_limit.rejections")
			.description("Calls refused by a client-side limit, by reason: budget, store_down or timeout")
			.tags(operationTags(operation).and("limit", limit).and("reason", reason))
			.register(this.registry)
			.increment();
	}

	@Override
	public void onLimitGranted(LlmOperation operation, String limit, String store, long permits) {
		cached(this.permits, new PermitKey(operation, limit, store), this.permitCounterFactory).increment(permits);
	}

	private Counter permitCounter(PermitKey key) {
		return Counter.builder(PERMITS)
			.description("Permits granted by a client-side rate limit: requests, or estimated tokens")
			.tags(operationTags(key.operation()).and("limit", key.limit()).and("store", key.store()))
			.register(this.registry);
	}

	@Override
	public void onLimitStoreFailure(LlmOperation operation, String limit) {
		Counter.builder("gen_ai.client.rate_limit.store.failures")
			.description("Calls whose rate-limit store could not be reached")
			.tags(operationTags(operation).and("limit", limit))
			.register(this.registry)
			.increment();
	}

	@Override
	public void onStoreState(String store, Supplier<State> state) {
		for (State each : State.values()) {
			Gauge.builder("gen_ai.client.rate_limit.store.state", () -> (state.get() == each) ? 1 : 0)
				.description(
						"1 for the state the rate-limit store is in (shared, local_fallback, rejecting), 0 for the others")
				.tags(providerTags().and("store", store).and("state", each.name().toLowerCase(Locale.ROOT)))
				.register(this.registry);
		}
	}

	@Override
	public void onLimitConfigured(String limit, double perSecond) {
		Gauge.builder("gen_ai.client.rate_limit.limit", () -> perSecond)
			.description("Permits per second a rate limit grants, across the fleet when shared: requests, or tokens")
			.tags(providerTags().and("limit", limit))
			.register(this.registry);
	}

	@Override
	public void onStoreOutage(String store) {
		Counter.builder("gen_ai.client.rate_limit.store.outages")
			.description("Times the rate-limit store went down; a steady rate means it flaps")
			.tags(providerTags().and("store", store))
			.register(this.registry)
			.increment();
	}

	@Override
	public void onStoreLatency(String store, Duration latency) {
		Timer.builder("gen_ai.client.rate_limit.store.latency")
			.description("Round trip of a question to the rate-limit store (the heartbeat, once a second)")
			.tags(providerTags().and("store", store))
			.register(this.registry)
			.record(latency);
	}

	@Override
	public void onLimitQueue(String limit, IntSupplier queued) {
		Gauge.builder("gen_ai.client.rate_limit.queue", queued::getAsInt)
			.description("Calls waiting for their turn to ask the rate-limit store")
			.tags(providerTags().and("limit", limit))
			.register(this.registry);
	}

	private Tags providerTags() {
		return Tags.of("gen_ai.provider.name", this.providerName);
	}

	private Tags operationTags(LlmOperation operation) {
		return Tags.of("gen_ai.operation.name", operation.value(), "gen_ai.provider.name", this.providerName);
	}

	/**
	 * Return the tag value of a model name: the name, or {@code _OTHER} once the client
	 * has tagged too many distinct names.
	 * @param model the model name
	 * @return the tag value
	 */
	@Nullable String modelTag(@Nullable String model) {
		return this.modelTags.value(model);
	}

	private String orUnknown(@Nullable String model) {
		return unknownIfNull(this.modelTags.value(model));
	}

	private static String unknownIfNull(@Nullable String value) {
		return (value != null) ? value : "unknown";
	}

	/**
	 * Return the value cached for a key, creating and caching it if absent. When the
	 * cache is full, a value created for a new key is returned without being cached.
	 */
	private static <K, V> V cached(Map<K, V> cache, K key, Function<K, V> factory) {
		@Nullable V value = cache.get(key);
		if (value != null) {
			return value;
		}
		if (cache.size() >= MAX_CACHED_KEYS) {
			return factory.apply(key);
		}
		return cache.computeIfAbsent(key, factory);
	}

	private void evict(String meterName) {
		switch (meterName) {
			case TOKEN_USAGE, CACHE_READ_INPUT_TOKENS, REASONING_OUTPUT_TOKENS -> this.tokenUsage.clear();
			case TIME_TO_FIRST_CHUNK -> this.timesToFirstChunk.clear();
			case BATCH_SIZE -> this.batchSizes.clear();
			case PERMITS -> this.permits.clear();
			default -> {
			}
		}
	}

	/**
	 * Return a listener that empties the caches of the given meters when the registry
	 * removes one of their meters, so that no removed meter is recorded to. The listener
	 * holds the meters weakly: the registry, often longer-lived than a client, does not
	 * keep them.
	 */
	private static Consumer<Meter> evictOnRemoval(LlmMeters meters) {
		WeakReference<LlmMeters> reference = new WeakReference<>(meters);
		return (meter) -> {
			@Nullable LlmMeters target = reference.get();
			if (target != null) {
				target.evict(meter.getId().getName());
			}
		};
	}

	private record TokenKey(LlmOperation operation, String requestModel, String responseModel) {

	}

	private record ModelKey(LlmOperation operation, String model) {

	}

	private record PermitKey(LlmOperation operation, String limit, String store) {

	}

	/**
	 * The token usage summaries of one key, input and output, each registered when first
	 * recorded to. A race registers the same meter twice, and the registry returns the
	 * one meter both times.
	 */
	private final class TokenSummaries {

		private static final String[] TYPES = { "input", "output" };

		private final Tags tags;

		private final AtomicReferenceArray<DistributionSummary> summaries = new AtomicReferenceArray<>(TYPES.length);

		private final AtomicReferenceArray<Counter> details = new AtomicReferenceArray<>(2);

		TokenSummaries(Tags tags) {
			this.tags = tags;
		}

		DistributionSummary input() {
			return summary(0);
		}

		DistributionSummary output() {
			return summary(1);
		}

		Counter cachedInput() {
			return detail(0, CACHE_READ_INPUT_TOKENS);
		}

		Counter reasoningOutput() {
			return detail(1, REASONING_OUTPUT_TOKENS);
		}

		private Counter detail(int index, String name) {
			Counter counter = this.details.get(index);
			if (counter == null) {
				counter = tokenCounter(this.tags, name);
				this.details.set(index, counter);
			}
			return counter;
		}

		private DistributionSummary summary(int type) {
			DistributionSummary summary = this.summaries.get(type);
			if (summary == null) {
				summary = tokenSummary(this.tags, TYPES[type]);
				this.summaries.set(type, summary);
			}
			return summary;
		}

	}

}
