package dev.customllm.observation;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;

import dev.customllm.LlmOperation;
import dev.customllm.retry.ResilienceListener;

/**
 * The meters of one client besides the {@code gen_ai.client.operation} timer: token usage,
 * retries, client-side limits, requests in flight, embedding batch sizes and stream time to
 * first chunk. Tags never hold prompt or completion text.
 *
 * @author Custom LLM team
 */
public final class LlmMeters implements ResilienceListener {

	/**
	 * Name of the token usage distribution summary.
	 */
	public static final String TOKEN_USAGE = "gen_ai.client.token.usage";

	private final MeterRegistry registry;

	private final String providerName;

	private final AtomicInteger active = new AtomicInteger();

	/**
	 * Create meters for one client.
	 * @param registry the registry; a {@link SimpleMeterRegistry} of its own when the
	 * application has none
	 * @param providerName the client's provider name, a tag of every meter
	 */
	public LlmMeters(MeterRegistry registry, String providerName) {
		this.registry = registry;
		this.providerName = providerName;
		Gauge.builder("gen_ai.client.requests.active", this.active, AtomicInteger::get)
			.description("Calls to the LLM service in flight")
			.tag("gen_ai.provider.name", providerName)
			.register(registry);
	}

	void callStarted() {
		this.active.incrementAndGet();
	}

	void callEnded(LlmObservationContext context) {
		this.active.decrementAndGet();
		Tags tags = Tags.of("gen_ai.operation.name", context.getOperation().value(), "gen_ai.provider.name",
				this.providerName, "gen_ai.request.model", orUnknown(context.getRequestModel()), "gen_ai.response.model",
				orUnknown(context.getResponseModel()));
		recordTokens(tags.and("gen_ai.token.type", "input"), context.getInputTokens());
		recordTokens(tags.and("gen_ai.token.type", "output"), context.getOutputTokens());
	}

	private void recordTokens(Tags tags, @Nullable Integer tokens) {
		if (tokens != null) {
			DistributionSummary.builder(TOKEN_USAGE)
				.description("Tokens used by LLM calls")
				.baseUnit("tokens")
				.tags(tags)
				.register(this.registry)
				.record(tokens);
		}
	}

	void recordTimeToFirstChunk(LlmOperation operation, @Nullable String model, Duration time) {
		Timer.builder("gen_ai.client.stream.time_to_first_chunk")
			.description("Time from the request to the first chunk of a stream")
			.tags(operationTags(operation).and("gen_ai.request.model", orUnknown(model)))
			.register(this.registry)
			.record(time);
	}

	/**
	 * Record the size of one embedding batch request.
	 * @param model the model asked for, if any
	 * @param size the number of texts in the batch
	 */
	public void recordBatchSize(@Nullable String model, int size) {
		DistributionSummary.builder("gen_ai.client.embedding.batch.size")
			.description("Texts per embeddings request")
			.tags(operationTags(LlmOperation.EMBEDDINGS).and("gen_ai.request.model", orUnknown(model)))
			.register(this.registry)
			.record(size);
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
	public void onLimitRejected(LlmOperation operation, String limit) {
		Counter.builder("gen_ai.client.rate_limit.rejections")
			.description("Calls refused by a client-side limit")
			.tags(operationTags(operation).and("limit", limit))
			.register(this.registry)
			.increment();
	}

	@Override
	public void onLimitGranted(LlmOperation operation, String limit, String store, long permits) {
		Counter.builder("gen_ai.client.rate_limit.permits")
			.description("Permits granted by a client-side rate limit: requests, or estimated tokens")
			.tags(operationTags(operation).and("limit", limit).and("store", store))
			.register(this.registry)
			.increment(permits);
	}

	@Override
	public void onLimitStoreFailure(LlmOperation operation, String limit) {
		Counter.builder("gen_ai.client.rate_limit.store.failures")
			.description("Calls whose rate-limit store could not be reached")
			.tags(operationTags(operation).and("limit", limit))
			.register(this.registry)
			.increment();
	}

	private Tags operationTags(LlmOperation operation) {
		return Tags.of("gen_ai.operation.name", operation.value(), "gen_ai.provider.name", this.providerName);
	}

	private static String orUnknown(@Nullable String value) {
		return (value != null) ? value : "unknown";
	}

}
