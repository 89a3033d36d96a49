package dev.customllm.internal.telemetry;

import dev.customllm.observation.LlmObservationContext;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.customllm.LlmOperation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LlmMeters}.
 */
class LlmMetersTests {

	private SimpleMeterRegistry registry;

	private LlmMeters meters;

	@BeforeEach
	void setUp() {
		this.registry = new SimpleMeterRegistry();
		this.meters = new LlmMeters(this.registry, "custom");
	}

	@Test
	void tokenUsageIsRecordedPerModelWithGenAiTags() {
		call(LlmOperation.CHAT, "model-a", "model-a-2024", 10, 20);
		call(LlmOperation.CHAT, "model-b", "model-b-2025", 3, 4);
		assertThat(this.registry.find(LlmMeters.TOKEN_USAGE).meters()).hasSize(4);
		DistributionSummary inputA = tokens("model-a", "model-a-2024", "input");
		assertThat(inputA.getId().getTag("gen_ai.operation.name")).isEqualTo("chat");
		assertThat(inputA.getId().getTag("gen_ai.provider.name")).isEqualTo("custom");
		assertThat(inputA.getId().getDescription()).isEqualTo("Tokens used by LLM calls");
		assertThat(inputA.getId().getBaseUnit()).isEqualTo("tokens");
		assertThat(inputA.getId().getTags()).hasSize(5);
		assertThat(inputA.count()).isEqualTo(1);
		assertThat(inputA.totalAmount()).isEqualTo(10);
		assertThat(tokens("model-a", "model-a-2024", "output").totalAmount()).isEqualTo(20);
		DistributionSummary inputB = tokens("model-b", "model-b-2025", "input");
		assertThat(inputB).isNotSameAs(inputA);
		assertThat(inputB.count()).isEqualTo(1);
		assertThat(inputB.totalAmount()).isEqualTo(3);
		assertThat(tokens("model-b", "model-b-2025", "output").totalAmount()).isEqualTo(4);
	}

	@Test
	void tokenUsageOfRepeatedCallsAccumulatesInOneMeter() {
		for (int i = 1; i <= 5; i++) {
			call(LlmOperation.CHAT, "model-a", "model-a", i, 2 * i);
		}
		assertThat(this.registry.find(LlmMeters.TOKEN_USAGE).meters()).hasSize(2);
		assertThat(tokens("model-a", "model-a", "input").count()).isEqualTo(5);
		assertThat(tokens("model-a", "model-a", "input").totalAmount()).isEqualTo(15);
		assertThat(tokens("model-a", "model-a", "output").count()).isEqualTo(5);
		assertThat(tokens("model-a", "model-a", "output").totalAmount()).isEqualTo(30);
	}

	@Test
	void tokenUsageOfOperationsIsRecordedSeparately() {
		call(LlmOperation.CHAT, "model-a", "model-a", 1, 1);
		call(LlmOperation.TEXT_COMPLETION, "model-a", "model-a", 2, 2);
		assertThat(this.registry.get(LlmMeters.TOKEN_USAGE)
			.tag("gen_ai.operation.name", "text_completion")
			.tag("gen_ai.token.type", "input")
			.summary()
			.totalAmount()).isEqualTo(2);
		assertThat(tokens("model-a", "model-a", "input").totalAmount()).isEqualTo(1);
	}

	@Test
	void nullModelsAreTaggedUnknown() {
		call(LlmOperation.CHAT, null, null, 7, 8);
		call(LlmOperation.CHAT, null, "model-a", 1, 1);
		assertThat(tokens("unknown", "unknown", "input").totalAmount()).isEqualTo(7);
		assertThat(tokens("unknown", "unknown", "output").totalAmount()).isEqualTo(8);
		assertThat(tokens("unknown", "model-a", "input").totalAmount()).isEqualTo(1);
	}

	@Test
	void onlyReportedTokenTypesAreRecorded() {
		call(LlmOperation.EMBEDDINGS, "embed", "embed", 12, null);
		call(LlmOperation.CHAT, "model-a", "model-a", null, null);
		assertThat(this.registry.find(LlmMeters.TOKEN_USAGE).meters()).hasSize(1);
		assertThat(this.registry.get(LlmMeters.TOKEN_USAGE).tag("gen_ai.token.type", "input").summary().totalAmount())
			.isEqualTo(12);
		call(LlmOperation.EMBEDDINGS, "embed", "embed", null, 5);
		assertThat(this.registry.get(LlmMeters.TOKEN_USAGE).tag("gen_ai.token.type", "output").summary().totalAmount())
			.isEqualTo(5);
	}

	@Test
	void modelsPastTheCacheBoundAreStillRecorded() {
		// a client whose model tags are not capped, to reach the cache bound
		this.meters = new LlmMeters(this.registry, "custom", new ModelTags(Set.of(), Integer.MAX_VALUE));
		int models = LlmMeters.MAX_CACHED_KEYS + 50;
		for (int i = 0; i < models; i++) {
			call(LlmOperation.CHAT, "model-" + i, "model-" + i, i, 1);
		}
		for (int i = 0; i < models; i++) {
			call(LlmOperation.CHAT, "model-" + i, "model-" + i, i, 1);
		}
		assertThat(this.registry.find(LlmMeters.TOKEN_USAGE).meters()).hasSize(2 * models);
		for (int i : new int[] { 0, LlmMeters.MAX_CACHED_KEYS - 1, LlmMeters.MAX_CACHED_KEYS, models - 1 }) {
			String model = "model-" + i;
			assertThat(tokens(model, model, "input").count()).isEqualTo(2);
			assertThat(tokens(model, model, "input").totalAmount()).isEqualTo(2.0 * i);
			assertThat(tokens(model, model, "output").count()).isEqualTo(2);
			assertThat(tokens(model, model, "output").getId().getDescription()).isEqualTo("Tokens used by LLM calls");
			assertThat(tokens(model, model, "output").getId().getBaseUnit()).isEqualTo("tokens");
		}
		assertThat(this.registry.find(LlmMeters.TOKEN_USAGE).summaries())
			.allSatisfy((summary) -> assertThat(summary.count()).isEqualTo(2));
	}

	@Test
	void tokenUsageIsRecordedAgainAfterTheRegistryIsCleared() {
		call(LlmOperation.CHAT, "model-a", "model-a", 10, 20);
		this.meters.recordBatchSize("embed", 3);
		this.meters.recordTimeToFirstChunk(LlmOperation.CHAT, "model-a", Duration.ofMillis(5));
		this.registry.clear();
		call(LlmOperation.CHAT, "model-a", "model-a", 1, 2);
		this.meters.recordBatchSize("embed", 4);
		this.meters.recordTimeToFirstChunk(LlmOperation.CHAT, "model-a", Duration.ofMillis(6));
		assertThat(tokens("model-a", "model-a", "input").count()).isEqualTo(1);
		assertThat(tokens("model-a", "model-a", "input").totalAmount()).isEqualTo(1);
		assertThat(this.registry.get("gen_ai.client.embedding.batch.size").summary().totalAmount()).isEqualTo(4);
		assertThat(this.registry.get("gen_ai.client.stream.time_to_first_chunk").timer().count()).isEqualTo(1);
	}

	@Test
	void activeCallsAreCounted() {
		this.meters.callStarted();
		this.meters.callStarted();
		Gauge active = this.registry.get("gen_ai.client.requests.active").tag("gen_ai.provider.name", "custom").gauge();
		assertThat(active.value()).isEqualTo(2);
		this.meters.callEnded(new LlmObservationContext(LlmOperation.CHAT, "custom", "model-a"));
		assertThat(active.value()).isEqualTo(1);
	}

	@Test
	void batchSizesAreRecordedPerModel() {
		this.meters.recordBatchSize("embed-a", 3);
		this.meters.recordBatchSize("embed-a", 5);
		this.meters.recordBatchSize("embed-b", 7);
		this.meters.recordBatchSize(null, 2);
		assertThat(this.registry.find("gen_ai.client.embedding.batch.size").meters()).hasSize(3);
		DistributionSummary embedA = batchSize("embed-a");
		assertThat(embedA.getId().getTag("gen_ai.operation.name")).isEqualTo("embeddings");
		assertThat(embedA.getId().getTag("gen_ai.provider.name")).isEqualTo("custom");
		assertThat(embedA.getId().getDescription()).isEqualTo("Texts per embeddings request");
		assertThat(embedA.count()).isEqualTo(2);
		assertThat(embedA.totalAmount()).isEqualTo(8);
		assertThat(batchSize("embed-b").totalAmount()).isEqualTo(7);
		assertThat(batchSize("unknown").totalAmount()).isEqualTo(2);
	}

	@Test
	void timesToFirstChunkAreRecordedPerOperationAndModel() {
		this.meters.recordTimeToFirstChunk(LlmOperation.CHAT, "model-a", Duration.ofMillis(10));
		this.meters.recordTimeToFirstChunk(LlmOperation.CHAT, "model-a", Duration.ofMillis(30));
		this.meters.recordTimeToFirstChunk(LlmOperation.TEXT_COMPLETION, "model-a", Duration.ofMillis(5));
		this.meters.recordTimeToFirstChunk(LlmOperation.CHAT, null, Duration.ofMillis(7));
		assertThat(this.registry.find("gen_ai.client.stream.time_to_first_chunk").meters()).hasSize(3);
		Timer chatA = timeToFirstChunk("chat", "model-a");
		assertThat(chatA.getId().getTag("gen_ai.provider.name")).isEqualTo("custom");
		assertThat(chatA.getId().getDescription()).isEqualTo("Time from the request to the first chunk of a stream");
		assertThat(chatA.count()).isEqualTo(2);
		assertThat(chatA.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40);
		assertThat(timeToFirstChunk("text_completion", "model-a").count()).isEqualTo(1);
		assertThat(timeToFirstChunk("chat", "unknown").count()).isEqualTo(1);
	}

	private void call(LlmOperation operation, @Nullable String requestModel, @Nullable String responseModel,
			@Nullable Integer inputTokens, @Nullable Integer outputTokens) {
		LlmObservationContext context = new LlmObservationContext(operation, "custom", requestModel);
		context.setResponseModel(responseModel);
		context.setTokens(inputTokens, outputTokens);
		this.meters.callStarted();
		this.meters.callEnded(context);
	}

	private DistributionSummary tokens(String requestModel, String responseModel, String type) {
		return this.registry.get(LlmMeters.TOKEN_USAGE)
			.tag("gen_ai.operation.name", "chat")
			.tag("gen_ai.request.model", requestModel)
			.tag("gen_ai.response.model", responseModel)
			.tag("gen_ai.token.type", type)
			.summary();
	}

	private DistributionSummary batchSize(String model) {
		return this.registry.get("gen_ai.client.embedding.batch.size").tag("gen_ai.request.model", model).summary();
	}

	private Timer timeToFirstChunk(String operation, String model) {
		return this.registry.get("gen_ai.client.stream.time_to_first_chunk")
			.tag("gen_ai.operation.name", operation)
			.tag("gen_ai.request.model", model)
			.timer();
	}

}
