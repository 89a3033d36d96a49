package dev.customllm.resilience;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmApiException;
import dev.customllm.LlmAuthenticationException;
import dev.customllm.LlmException;
import dev.customllm.LlmRateLimitException;
import dev.customllm.LlmRequestException;
import dev.customllm.LlmRequestException.Kind;
import dev.customllm.LlmResponseException;
import dev.customllm.embedding.EmbeddingDefaults;
import dev.customllm.embedding.EncodingFormat;
import dev.customllm.http.TestTransport;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The fault matrix: each way an OpenAI-compatible service can misbehave, with the outcome
 * the caller gets, the number of attempts made and the wait honoured, whichever way the
 * client makes its exchanges.
 */
@ParameterizedClass
@EnumSource(TestTransport.class)
@ExtendWith(LlmSimulatorExtension.class)
class FaultMatrixTests {

	private static final String ANSWER = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"ok\"}}]}";

	private static final String OPENAI_ERROR = "{\"error\":{\"message\":\"%s\",\"type\":\"%s\",\"code\":%s}}";

	private static LlmSimulator simulator;

	private static CustomLlmClient client;

	@Parameter
	TestTransport transport;

	@BeforeParameterizedClassInvocation
	static void start(TestTransport transport, LlmSimulator llm) {
		simulator = llm;
		client = transport.builder()
			.baseUrl(simulator.baseUrl())
			.apiKey("sk-fault-matrix-0001")
			.responseTimeout(Duration.ofMillis(500))
			.callTimeout(Duration.ofSeconds(3))
			.maxResponseSize(64 * 1024)
			.retry(RetrySettings.builder()
				.delay(Duration.ofMillis(50))
				.maxDelay(Duration.ofMillis(200))
				.maxRetryAfter(Duration.ofSeconds(3))
				.build())
			.retryBudget(new RetryBudget(0, 5, 10))
			.embeddingDefaults(EmbeddingDefaults.builder()
				.model("e")
				.dimensions(3)
				.batchSize(8)
				.maxConcurrency(1)
				.encodingFormat(EncodingFormat.FLOAT)
				.build())
			.build();
	}

	@AfterParameterizedClassInvocation
	static void stop() {
		client.close();
	}

	static Stream<Row> faults() {
		String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(2));
		return Stream.of(once("429 with Retry-After seconds", status(429).withHeader("Retry-After", "1"), 2, 950),
				once("429 with Retry-After HTTP-date", status(429).withHeader("Retry-After", date), 2, 0),
				once("429 with retry-after-ms", status(429).withHeader("retry-after-ms", "400"), 2, 380),
				always("429 without Retry-After", status(429), LlmRateLimitException.class, 3),
				always("429 asking longer than max-retry-after", status(429).withHeader("Retry-After", "120"),
						LlmRateLimitException.class, 1),
				always("429 insufficient_quota",
						status(429).withBody(OPENAI_ERROR.formatted("You exceeded your current quota",
								"insufficient_quota", "\"insufficient_quota\"")),
						LlmRateLimitException.class, 1),
				always("408", status(408), LlmApiException.class, 3),
				always("409", status(409), LlmApiException.class, 3),
				always("500", status(500), LlmApiException.class, 3),
				always("502", status(502), LlmApiException.class, 3),
				always("503", status(503), LlmApiException.class, 3),
				always("504", status(504), LlmApiException.class, 3), once("503 then success", status(503), 2, 30),
				always("503 with x-should-retry: false", status(503).withHeader("x-should-retry", "false"),
						LlmApiException.class, 1),
				once("400 with x-should-retry: true", status(400).withHeader("x-should-retry", "true"), 2, 0),
				always("400 OpenAI error",
						status(400).withBody(OPENAI_ERROR.formatted("bad", "invalid_request_error", "null")),
						LlmApiException.class, 1),
				always("401", status(401), LlmAuthenticationException.class, 1),
				always("403", status(403), LlmAuthenticationException.class, 1),
				always("404", status(404), LlmApiException.class, 1),
				always("422", status(422).withBody("{\"detail\":\"unprocessable\"}"), LlmApiException.class, 1),
				always("400 HTML from a proxy",
						status(400).withBody("<html><body><h1>400 Bad Request</h1></body></html>"),
						LlmApiException.class, 1),
				always("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
						LlmRequestException.class, 3),
				always("empty reply", aResponse().withFault(Fault.EMPTY_RESPONSE), LlmRequestException.class, 3),
				once("connection reset then success", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), 2, 0),
				always("malformed JSON", okJson("{\"choices\":[{"), LlmResponseException.class, 1),
				always("garbage body", aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK), LlmRequestException.class,
						3),
				always("JSON without choices", okJson("{\"id\":\"x\"}"), LlmResponseException.class, 1),
				always("empty choices", okJson("{\"choices\":[]}"), LlmResponseException.class, 1),
				always("slow headers past the response timeout", okJson(ANSWER).withFixedDelay(1_500),
						LlmRequestException.class, 3),
				always("trickling body past the call deadline",
						okJson(ANSWER + " ".repeat(400)).withChunkedDribbleDelay(40, 8_000), LlmRequestException.class,
						1),
				always("oversized body",
						okJson("{\"choices\":[{\"index\":0,\"message\":{\"content\":\"" + "x".repeat(100_000)
								+ "\"}}]}"),
						LlmResponseException.class, 1),
				embedding("embedding count mismatch", okJson("{\"data\":[{\"index\":0,\"embedding\":[1,2,3]}]}"),
						LlmResponseException.class),
				embedding("wrong vector length",
						okJson("{\"data\":[{\"index\":0,\"embedding\":[1,2]},{\"index\":1,\"embedding\":[1,2]}]}"),
						LlmResponseException.class),
				embedding("embedding 503", status(503), LlmApiException.class));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("faults")
	void eachFaultEndsInTheExpectedOutcome(Row row) {
		row.stub().apply(post(anyUrl()));
		long start = System.nanoTime();
		LlmException failure = null;
		try {
			row.call().run();
		}
		catch (LlmException ex) {
			failure = ex;
		}
		long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
		int requests = simulator.wireMock().findAll(anyRequestedFor(anyUrl())).size();
		if (row.expected() == null) {
			assertThat(failure).as("no failure expected").isNull();
		}
		else {
			assertThat(failure).isExactlyInstanceOf(row.expected());
			assertThat(failure.attempts()).isEqualTo(row.attempts());
			assertThat(failure.getMessage()).doesNotContain("sk-fault-matrix-0001");
		}
		assertThat(requests).as("requests received").isEqualTo(row.attempts());
		assertThat(elapsedMillis).as("wait honoured").isGreaterThanOrEqualTo(row.minMillis());
	}

	@Test
	void longRetryAfterFailsAtOnceWithTheDemandedDelay() {
		simulator.wireMock().stubFor(post(anyUrl()).willReturn(status(429).withHeader("Retry-After", "120")));
		long start = System.nanoTime();
		try {
			client.completionModel("m").complete("Hi");
			fail("expected a rate limit failure");
		}
		catch (LlmRateLimitException ex) {
			assertThat(ex.retryAfter()).contains(Duration.ofSeconds(120));
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void connectionRefusedIsRetriedThenReported() {
		try (CustomLlmClient refused = this.transport.builder()
			.baseUrl("http://127.0.0.1:1/v1")
			.retry(RetrySettings.builder()
				.delay(Duration.ofMillis(20))
				.maxDelay(Duration.ofMillis(50))
				.jitter(0)
				.maxRetryAfter(Duration.ofSeconds(1))
				.build())
			.build()) {
			try {
				refused.completionModel("m").complete("Hi");
				fail("expected a request failure");
			}
			catch (LlmRequestException ex) {
				assertThat(ex.kind()).isEqualTo(Kind.CONNECTION_REFUSED);
				assertThat(ex.attempts()).isEqualTo(3);
				assertThat(ex).hasMessageEndingWith("(after 3 attempts)");
			}
		}
	}

	@Test
	void trickleIsCutByTheDeadlineNotTheIdleTimeout() {
		simulator.wireMock()
			.stubFor(post(anyUrl()).willReturn(okJson(ANSWER + " ".repeat(400)).withChunkedDribbleDelay(40, 8_000)));
		try {
			client.completionModel("m").complete("Hi");
			fail("expected a deadline failure");
		}
		catch (LlmRequestException ex) {
			assertThat(ex.kind()).isEqualTo(Kind.DEADLINE);
		}
	}

	private static ResponseDefinitionBuilder status(int status) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json");
	}

	private static Row always(String name, ResponseDefinitionBuilder response, Class<? extends LlmException> expected,
			int attempts) {
		return new Row(name, (mapping) -> simulator.wireMock().stubFor(mapping.willReturn(response)),
				FaultMatrixTests::chat, expected, attempts, 0);
	}

	private static Row once(String name, ResponseDefinitionBuilder response, int attempts, long minMillis) {
		return new Row(name, (mapping) -> {
			simulator.wireMock()
				.stubFor(post(anyUrl()).inScenario(name)
					.whenScenarioStateIs(Scenario.STARTED)
					.willReturn(response)
					.willSetStateTo("recovered"));
			return simulator.wireMock()
				.stubFor(post(anyUrl()).inScenario(name).whenScenarioStateIs("recovered").willReturn(okJson(ANSWER)));
		}, FaultMatrixTests::chat, null, attempts, minMillis);
	}

	private static Row embedding(String name, ResponseDefinitionBuilder response,
			Class<? extends LlmException> expected) {
		int attempts = LlmApiException.class.equals(expected) ? 3 : 1;
		return new Row(name, (mapping) -> simulator.wireMock().stubFor(mapping.willReturn(response)),
				() -> client.embeddingModel().embedAll(List.of("a", "b")), expected, attempts, 0);
	}

	private static void chat() {
		client.completionModel("m").complete("Hi");
	}

	record Row(String name, Function<MappingBuilder, ?> stub, Runnable call,
			@Nullable Class<? extends LlmException> expected, int attempts, long minMillis) {

		@Override
		public String toString() {
			return this.name;
		}

	}

}
