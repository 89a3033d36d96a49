package dev.customllm.observation;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmApiException;
import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.embedding.EmbeddingDefaults;
import dev.customllm.embedding.EncodingFormat;
import dev.customllm.resilience.RetrySettings;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of the {@code gen_ai.client.operation} observation and the client's meters.
 */
@ExtendWith(LlmSimulatorExtension.class)
class ObservationTests {

	private static final String PROMPT = "zebra-quokka-7731 distinctive prompt";

	private static LlmSimulator simulator;

	private TestObservationRegistry observations;

	private MeterRegistry meters;

	private CustomLlmClient client;

	@BeforeAll
	static void start(LlmSimulator llm) {
		simulator = llm;
	}

	@BeforeEach
	void setUp() {
		this.observations = TestObservationRegistry.create();
		this.meters = new SimpleMeterRegistry();
		this.observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.meters));
		this.client = client(false);
	}

	private CustomLlmClient client(boolean includeContent) {
		return CustomLlmClient.builder()
			.baseUrl(simulator.baseUrl())
			.observationRegistry(this.observations)
			.meterRegistry(this.meters)
			.providerName("vllm-cluster")
			.includeContent(includeContent)
			.retry(RetrySettings.builder()
				.delay(Duration.ofMillis(10))
				.maxDelay(Duration.ofMillis(20))
				.jitter(0)
				.maxRetryAfter(Duration.ofSeconds(1))
				.build())
			.embeddingDefaults(EmbeddingDefaults.builder()
				.model("bge-m3")
				.batchSize(2)
				.maxConcurrency(1)
				.encodingFormat(EncodingFormat.FLOAT)
				.build())
			.build();
	}

	@Test
	void successfulChatIsObservedWithGenAiTagsAndTokenUsage() {
		this.client.completionModel("qwen").complete(PROMPT);
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasSingleObservationThat()
			.hasNameEqualTo("gen_ai.client.operation")
			.hasContextualNameEqualTo("chat qwen")
			.hasLowCardinalityKeyValue("gen_ai.operation.name", "chat")
			.hasLowCardinalityKeyValue("gen_ai.provider.name", "vllm-cluster")
			.hasLowCardinalityKeyValue("gen_ai.request.model", "qwen")
			.hasLowCardinalityKeyValue("gen_ai.response.model", "qwen")
			.hasLowCardinalityKeyValue("error.type", "none")
			.doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.prompt");
		assertThat(this.meters.get("gen_ai.client.operation").tag("gen_ai.request.model", "qwen").timer().count())
			.isEqualTo(1);
		assertThat(
				this.meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "input").summary().totalAmount())
			.isPositive();
		assertThat(this.meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "output").summary().count())
			.isEqualTo(1);
		assertThat(this.meters.get("gen_ai.client.requests.active").gauge().value()).isZero();
	}

	@Test
	void apiErrorIsObservedWithItsType() {
		simulator.wireMock().stubFor(post(anyUrl()).willReturn(aResponse().withStatus(400)));
		assertThatExceptionOfType(LlmApiException.class)
			.isThrownBy(() -> this.client.completionModel("qwen").complete("Hi"));
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasSingleObservationThat()
			.hasLowCardinalityKeyValue("error.type", "LlmApiException")
			.hasLowCardinalityKeyValue("gen_ai.response.model", "unknown")
			.hasError();
		assertThat(this.meters.find("gen_ai.client.token.usage").meters()).isEmpty();
	}

	@Test
	void retriedCallCountsRetriesByReason() {
		failOnceThenAnswer();
		this.client.completionModel("qwen").complete("Hi");
		assertThat(this.meters.get("gen_ai.client.retries")
			.tag("reason", "status_503")
			.tag("gen_ai.operation.name", "chat")
			.tag("gen_ai.provider.name", "vllm-cluster")
			.counter()
			.count()).isEqualTo(1);
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasSingleObservationThat()
			.hasLowCardinalityKeyValue("error.type", "none");
	}

	@Test
	void tracingHeadersAreSentWithEveryAttemptOfACall() {
		this.observations.observationConfig().observationHandler(new TraceparentInjector());
		failOnceThenAnswer();
		this.client.completionModel("qwen").complete("Hi");
		List<LoggedRequest> requests = simulator.wireMock().findAll(postRequestedFor(anyUrl()));
		assertThat(requests).hasSize(2)
			.allSatisfy((request) -> assertThat(request.getHeader("traceparent")).isEqualTo(TraceparentInjector.VALUE));
	}

	@Test
	void tracingHeadersAreSentWhenAStreamOpens() {
		this.observations.observationConfig().observationHandler(new TraceparentInjector());
		this.client.completionModel("qwen").stream(CompletionRequest.of("Hi")).blockLast(Duration.ofSeconds(10));
		assertThat(simulator.wireMock().findAll(postRequestedFor(anyUrl()))).singleElement()
			.satisfies((request) -> assertThat(request.getHeader("traceparent")).isEqualTo(TraceparentInjector.VALUE));
	}

	@Test
	void noTracingHeaderWithoutATracer() {
		this.client.completionModel("qwen").complete("Hi");
		assertThat(simulator.wireMock().findAll(postRequestedFor(anyUrl()))).singleElement()
			.satisfies((request) -> assertThat(request.containsHeader("traceparent")).isFalse());
	}

	@Test
	void eachEmbeddingBatchIsAnObservationWithItsSize() {
		this.client.embeddingModel().embedAll(List.of("a", "b", "c"));
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasNumberOfObservationsWithNameEqualTo("gen_ai.client.operation", 2)
			.forAllObservationsWithNameEqualTo("gen_ai.client.operation",
					(observation) -> observation.hasLowCardinalityKeyValue("gen_ai.operation.name", "embeddings")
						.hasLowCardinalityKeyValue("gen_ai.request.model", "bge-m3"));
		assertThat(this.meters.get("gen_ai.client.embedding.batch.size").summary().totalAmount()).isEqualTo(3);
		assertThat(this.meters.get("gen_ai.client.embedding.batch.size").summary().count()).isEqualTo(2);
	}

	@Test
	void streamIsObservedUntilItEndsWithUsageAndTimeToFirstChunk() {
		List<CompletionChunk> chunks = this.client.completionModel("qwen")
			.stream(CompletionRequest.of("Tell me about Spring Boot streaming support"))
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(chunks).isNotEmpty();
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasSingleObservationThat()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("gen_ai.response.model", "qwen");
		assertThat(this.meters.get("gen_ai.client.stream.time_to_first_chunk").timer().count()).isEqualTo(1);
		assertThat(this.meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "output").summary().count())
			.isEqualTo(1);
	}

	@Test
	void cancelledStreamIsRecordedAsCancelledWithTheModelItsChunksNamed() {
		List<CompletionChunk> chunks = this.client.completionModel("qwen")
			.stream(CompletionRequest.of("Tell me about Spring Boot streaming support"))
			.take(1)
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(chunks).hasSize(1);
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasSingleObservationThat()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("error.type", "cancelled")
			.hasLowCardinalityKeyValue("gen_ai.response.model", "qwen");
	}

	@Test
	void distinctModelNamesInTagsAreCappedButConfiguredOnesAreKept() {
		try (CustomLlmClient capped = CustomLlmClient.builder()
			.baseUrl(simulator.baseUrl())
			.observationRegistry(this.observations)
			.meterRegistry(this.meters)
			.completionDefaults(dev.customllm.completion.CompletionDefaults.NONE.withModel("configured-model"))
			.build()) {
			for (int i = 0; i < 130; i++) {
				capped.completionModel("user-model-" + i).complete("Hi");
			}
			capped.completionModel().complete("Hi");
		}
		List<String> requestModels = this.meters.find("gen_ai.client.operation")
			.timers()
			.stream()
			.map((timer) -> timer.getId().getTag("gen_ai.request.model"))
			.distinct()
			.toList();
		assertThat(requestModels).hasSize(102)
			.contains("configured-model", "_OTHER", "user-model-0", "user-model-99")
			.doesNotContain("user-model-100");
	}

	@Test
	void promptTextNeverBecomesATagAndReachesSpansOnlyWhenOptedIn() {
		this.client.completionModel("qwen").complete(PROMPT);
		this.client.embeddingModel().embed(PROMPT);
		assertNoTagContainsThePrompt();
		this.observations.clear();
		client(true).completionModel("qwen").complete(PROMPT);
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasSingleObservationThat()
			.hasHighCardinalityKeyValue("gen_ai.prompt", PROMPT);
		assertNoTagContainsThePrompt();
	}

	@Test
	void aCustomConventionReplacesTheDefault() {
		CustomLlmClient custom = CustomLlmClient.builder()
			.baseUrl(simulator.baseUrl())
			.observationRegistry(this.observations)
			.observationConvention(new DefaultLlmObservationConvention() {

				@Override
				public String getName() {
					return "llm.calls";
				}

				@Override
				public KeyValues getLowCardinalityKeyValues(LlmObservationContext context) {
					return super.getLowCardinalityKeyValues(context).and("team", "search");
				}

			})
			.build();
		custom.completionModel("qwen").complete("Hi");
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasSingleObservationThat()
			.hasNameEqualTo("llm.calls")
			.hasLowCardinalityKeyValue("team", "search");
	}

	private static void failOnceThenAnswer() {
		simulator.wireMock()
			.stubFor(post(anyUrl()).inScenario("retry")
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(aResponse().withStatus(503))
				.willSetStateTo("ok"));
		simulator.wireMock()
			.stubFor(post(anyUrl()).inScenario("retry")
				.whenScenarioStateIs("ok")
				.willReturn(
						okJson("{\"model\":\"qwen\",\"choices\":[{\"index\":0,\"message\":{\"content\":\"ok\"}}]}")));
	}

	private void assertNoTagContainsThePrompt() {
		for (Meter meter : this.meters.getMeters()) {
			meter.getId().getTags().forEach((tag) -> assertThat(tag.getValue()).doesNotContain("zebra-quokka"));
		}
	}

	/**
	 * Does what Micrometer Tracing's propagating handler does for a sender context:
	 * writes the trace context into the carrier when the observation starts.
	 */
	static final class TraceparentInjector implements ObservationHandler<SenderContext<?>> {

		static final String VALUE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

		@Override
		public void onStart(SenderContext<?> context) {
			inject(context);
		}

		private static <C> void inject(SenderContext<C> context) {
			context.getSetter().set(context.getCarrier(), "traceparent", VALUE);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof SenderContext;
		}

	}

}
