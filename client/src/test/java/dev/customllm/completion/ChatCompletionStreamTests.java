package dev.customllm.completion;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmApiException;
import dev.customllm.LlmAuthenticationException;
import dev.customllm.LlmResponseException;
import dev.customllm.http.TestTransport;
import dev.customllm.internal.json.LlmJson;
import dev.customllm.resilience.RetrySettings;
import dev.customllm.test.LlmSimulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link CompletionModel#stream(CompletionRequest)} on the chat API against
 * streams shaped like real services', whichever way the client makes its exchanges.
 *
 * @author Custom LLM team
 */
@ParameterizedClass
@EnumSource(TestTransport.class)
class ChatCompletionStreamTests {

	private static final RetrySettings QUICK_RETRY = RetrySettings.builder()
		.delay(Duration.ofMillis(10))
		.maxDelay(Duration.ofMillis(50))
		.jitter(0)
		.maxRetryAfter(Duration.ofSeconds(1))
		.build();

	private static LlmSimulator simulator;

	private static CustomLlmClient client;

	@Parameter
	TestTransport transport;

	@BeforeParameterizedClassInvocation
	static void start(TestTransport transport) {
		simulator = LlmSimulator.start();
		client = client(transport);
	}

	@AfterParameterizedClassInvocation
	static void stop() {
		client.close();
		simulator.close();
	}

	@BeforeEach
	void reset() {
		simulator.reset();
	}

	private static CustomLlmClient client(TestTransport transport) {
		return transport.builder()
			.baseUrl(simulator.baseUrl())
			.apiKey("sk-test-0123456789")
			.retry(QUICK_RETRY)
			.completionDefaults(CompletionDefaults.builder().model("default-model").build())
			.build();
	}

	private WireMockServer wireMock() {
		return simulator.wireMock();
	}

	@Test
	void streamsTheAnswerInSeveralChunksEndingWithFinishReasonAndUsage() {
		CompletionRequest request = CompletionRequest.of("Explain in a few words why streaming answers feel faster");
		String whole = client.completionModel().complete(request).text();
		List<CompletionChunk> chunks = stream(request);
		assertThat(chunks).hasSizeGreaterThan(3);
		assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy((chunk) -> {
			assertThat(chunk.text()).isNotEmpty();
			assertThat(chunk.last()).isFalse();
			assertThat(chunk.usage()).isNull();
		});
		assertThat(joined(chunks)).isEqualTo(whole);
		CompletionChunk last = chunks.get(chunks.size() - 1);
		assertThat(last.last()).isTrue();
		assertThat(last.text()).isEmpty();
		assertThat(last.finishReason()).isEqualTo("stop");
		assertThat(last.model()).isEqualTo("default-model");
		assertThat(last.usage()).isNotNull();
		assertThat(last.usage().completionTokens()).isEqualTo(whole.split(" ").length);
		assertThat(last.toolCalls()).isEmpty();
	}

	@Test
	void asksForAStreamWithUsage() {
		stream(CompletionRequest.builder().prompt("Hi").maxTokens(5).build());
		LoggedRequest request = lastRequest();
		JsonNode body = LlmJson.mapper().readTree(request.getBodyAsString());
		assertThat(body.get("stream").asBoolean()).isTrue();
		assertThat(body.get("stream_options").get("include_usage").asBoolean()).isTrue();
		assertThat(body.get("max_tokens").asInt()).isEqualTo(5);
		assertThat(request.getHeader("Accept")).contains("text/event-stream");
		assertThat(request.getHeader("Authorization")).isEqualTo("Bearer sk-test-0123456789");
	}

	@Test
	void lastChunkHasNoUsageWhenTheServiceSendsNone() {
		answer(sse(text("Hello"), finish("length")));
		List<CompletionChunk> chunks = stream(CompletionRequest.of("Hi"));
		assertThat(chunks).extracting(CompletionChunk::text).containsExactly("Hello", "");
		assertThat(chunks.get(1).finishReason()).isEqualTo("length");
		assertThat(chunks.get(1).usage()).isNull();
	}

	@Test
	void readsUsageSentWithTheFinishReason() {
		answer(sse(text("Hi"),
				"""
						{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}"""));
		assertThat(stream(CompletionRequest.of("Hi")).get(1).usage()).isEqualTo(Usage.of(3, 1, 4));
	}

	@Test
	void refusedStreamOptionsAreDroppedAndTheRefusalIsRemembered() {
		try (CustomLlmClient fresh = client(this.transport)) {
			wireMock().stubFor(post(anyUrl()).withRequestBody(matchingJsonPath("$.stream_options"))
				.atPriority(1)
				.willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
						{"error":{"message":"Unrecognized request argument supplied: stream_options",
						"type":"invalid_request_error","param":null,"code":null}}""")));
			assertThat(joined(fresh.completionModel().stream(CompletionRequest.of("One")).collectList().block()))
				.isNotEmpty();
			assertThat(joined(fresh.completionModel("other").stream(CompletionRequest.of("Two")).collectList().block()))
				.isNotEmpty();
			List<LoggedRequest> requests = requests();
			assertThat(requests).hasSize(3);
			assertThat(requests).extracting((request) -> request.getBodyAsString().contains("stream_options"))
				.containsExactly(true, false, false);
		}
	}

	@Test
	void otherBadRequestsAreNotSentAgain() {
		wireMock().stubFor(post(anyUrl()).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"max_tokens is too large\",\"type\":\"invalid_request_error\"}}")));
		assertThat(failure(CompletionRequest.of("Hi"))).isInstanceOfSatisfying(LlmApiException.class,
				(ex) -> assertThat(ex.status()).isEqualTo(400));
		assertThat(requests()).hasSize(1);
	}

	@Test
	void accumulatesToolCallDeltasIntoWholeCalls() {
		answer(sse(
				"""
						{"choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]}""",
				"""
						{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"city\\":"}}]},"finish_reason":null}]}""",
				"""
						{"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"get_time","arguments":""}}]},"finish_reason":null}]}""",
				"""
						{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\\"Paris\\"}"}}]},"finish_reason":null}]}""",
				"""
						{"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{\\"zone\\":\\"CET\\"}"}}]},"finish_reason":null}]}""",
				finish("tool_calls")));
		List<CompletionChunk> chunks = stream(CompletionRequest.of("Weather and time in Paris?"));
		assertThat(chunks).singleElement().satisfies((last) -> {
			assertThat(last.last()).isTrue();
			assertThat(last.finishReason()).isEqualTo("tool_calls");
			assertThat(last.toolCalls()).containsExactly(new ToolCall("call_a", "get_weather", "{\"city\":\"Paris\"}"),
					new ToolCall("call_b", "get_time", "{\"zone\":\"CET\"}"));
		});
	}

	@Test
	void emptyToolCallsFromVllmAreNotToolCalls() {
		answer(sse(
				"""
						{"id":"chatcmpl-1","object":"chat.completion.chunk","model":"qwen","choices":[{"index":0,"delta":{"role":"assistant","content":"","tool_calls":[]},"logprobs":null,"finish_reason":null}]}""",
				"""
						{"id":"chatcmpl-1","object":"chat.completion.chunk","model":"qwen","choices":[{"index":0,"delta":{"content":"Plain answer","tool_calls":[]},"logprobs":null,"finish_reason":null}]}""",
				"""
						{"id":"chatcmpl-1","object":"chat.completion.chunk","model":"qwen","choices":[{"index":0,"delta":{"content":""},"logprobs":null,"finish_reason":"stop","stop_reason":null}]}"""));
		List<CompletionChunk> chunks = stream(CompletionRequest.of("Hi"));
		assertThat(chunks).extracting(CompletionChunk::text).containsExactly("Plain answer", "");
		assertThat(chunks.get(1).toolCalls()).isEmpty();
		assertThat(chunks.get(1).model()).isEqualTo("qwen");
	}

	@Test
	void considersOnlyTheFirstChoice() {
		answer(sse("""
				{"choices":[{"index":1,"delta":{"content":"second"}},{"index":0,"delta":{"content":"first"}}]}""",
				finish("stop")));
		assertThat(joined(stream(CompletionRequest.of("Hi")))).isEqualTo("first");
	}

	@Test
	void modelThatChangesMidStreamIsReportedAsEachChunkNamesIt() {
		answer(sse("""
				{"model":"qwen","choices":[{"index":0,"delta":{"content":"one "}}]}""", """
				{"model":"qwen","choices":[{"index":0,"delta":{"content":"two "}}]}""", """
				{"model":"qwen-2","choices":[{"index":0,"delta":{"content":"three"}}]}""", """
				{"model":"qwen","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"""));
		List<CompletionChunk> chunks = stream(CompletionRequest.of("Hi"));
		assertThat(chunks).extracting(CompletionChunk::model).containsExactly("qwen", "qwen", "qwen-2", "qwen");
		assertThat(joined(chunks)).isEqualTo("one two three");
	}

	@Test
	void laterChoicesAreValidatedThoughOnlyTheFirstCounts() {
		answer(sse("""
				{"choices":[{"index":0,"delta":{"content":"first"}},{"index":1,"delta":{"content":42}}]}""",
				finish("stop")));
		assertThat(failure(CompletionRequest.of("Hi"))).isInstanceOf(LlmResponseException.class);
	}

	@Test
	void streamWithNeitherTextNorToolCallsFails() {
		answer(sse("""
				{"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}""", finish("length")));
		assertThat(failure(CompletionRequest.of("Hi"))).isInstanceOf(LlmResponseException.class)
			.hasMessageContaining("no text and no tool calls (finish_reason length)");
	}

	@Test
	void errorInsideTheStreamFailsAfterTheChunksEvenWhenDoneFollows() {
		answer(sse(text("Partial"), """
				{"error":{"message":"The server had an error while processing your request.","type":"server_error",\
				"param":null,"code":null}}"""));
		List<String> texts = new ArrayList<>();
		Throwable failure = catchThrowable(() -> client.completionModel()
			.stream(CompletionRequest.of("Hi"))
			.doOnNext((chunk) -> texts.add(chunk.text()))
			.blockLast(Duration.ofSeconds(10)));
		assertThat(texts).containsExactly("Partial");
		assertThat(failure).isInstanceOfSatisfying(LlmApiException.class, (ex) -> {
			assertThat(ex.status()).isEqualTo(500);
			assertThat(ex.error().type()).isEqualTo("server_error");
			assertThat(ex).hasMessageContaining("error while processing");
		});
	}

	@Test
	void errorFieldBesideOtherFieldsFailsAsTheServiceErrorWhereverItIs() {
		for (String event : List.of("""
				{"id":"c1","model":"m","error":"upstream overloaded","choices":[]}""", """
				{"choices":5,"error":{"message":"upstream overloaded","type":"server_error"}}""", """
				{"choices":[{"index":0,"delta":{"content":"x"}}],"error":{"message":"upstream overloaded"}}""")) {
			answer(sse(text("Partial"), event));
			List<String> texts = new ArrayList<>();
			Throwable failure = catchThrowable(() -> client.completionModel()
				.stream(CompletionRequest.of("Hi"))
				.doOnNext((chunk) -> texts.add(chunk.text()))
				.blockLast(Duration.ofSeconds(10)));
			assertThat(texts).as(event).containsExactly("Partial");
			assertThat(failure).as(event)
				.isInstanceOf(LlmApiException.class)
				.hasMessageContaining("upstream overloaded");
		}
	}

	@Test
	void errorFieldThatIsNullIsNoError() {
		answer(sse("""
				{"error":null,"choices":[{"index":0,"delta":{"content":"Fine"}}]}""", finish("stop")));
		assertThat(client.completionModel()
			.stream(CompletionRequest.of("Hi"))
			.map(CompletionChunk::text)
			.collectList()
			.block(Duration.ofSeconds(10))).contains("Fine");
	}

	@Test
	void streamThatEndsWithoutDoneFailsAfterTheChunks() {
		answer("data: " + text("Cut") + "\n\n");
		List<String> texts = new ArrayList<>();
		Throwable failure = catchThrowable(() -> client.completionModel()
			.stream(CompletionRequest.of("Hi"))
			.doOnNext((chunk) -> texts.add(chunk.text()))
			.blockLast(Duration.ofSeconds(10)));
		assertThat(texts).containsExactly("Cut");
		assertThat(failure).isInstanceOf(LlmResponseException.class).hasMessageContaining("before data: [DONE]");
	}

	@Test
	void unauthorizedBeforeTheStreamFailsLikeAnyCall() {
		wireMock().stubFor(post(anyUrl()).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Incorrect API key provided: sk-test-0123456789\","
					+ "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")));
		assertThat(failure(CompletionRequest.of("Hi"))).isInstanceOf(LlmAuthenticationException.class)
			.hasMessageContaining("invalid_api_key")
			.hasMessageNotContaining("sk-test-0123456789");
	}

	@Test
	void proxyErrorPageBeforeTheStreamFailsWithItsStatus() {
		wireMock().stubFor(post(anyUrl()).willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "text/html")
			.withBody("<html><body><h1>404 Not Found</h1></body></html>")));
		assertThat(failure(CompletionRequest.of("Hi"))).isInstanceOfSatisfying(LlmApiException.class, (ex) -> {
			assertThat(ex.status()).isEqualTo(404);
			assertThat(ex).hasMessageContaining("404 Not Found");
		});
	}

	@Test
	void unavailableServiceIsRetriedBeforeTheStreamStarts() {
		wireMock().stubFor(post(anyUrl()).inScenario("retry")
			.whenScenarioStateIs(Scenario.STARTED)
			.willSetStateTo("ready")
			.willReturn(aResponse().withStatus(503)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"message\":\"loading model\"}}")));
		wireMock().stubFor(post(anyUrl()).inScenario("retry")
			.whenScenarioStateIs("ready")
			.willReturn(eventStream(sse(text("Ready now"), finish("stop")))));
		assertThat(joined(stream(CompletionRequest.of("Hi")))).isEqualTo("Ready now");
		assertThat(requests()).hasSize(2);
	}

	@Test
	void nothingIsSentUntilSubscribed() {
		client.completionModel().stream(CompletionRequest.of("Hi"));
		assertThat(requests()).isEmpty();
	}

	@Test
	void modelsThatCannotStreamGiveTheWholeAnswerAsOneChunk() {
		CompletionModel model = (request) -> Mono.just(CompletionResponse.builder()
			.id("id")
			.model("m")
			.text("Whole answer")
			.finishReason("stop")
			.usage(Usage.of(1, 2, 3))
			.build());
		List<CompletionChunk> chunks = model.stream(CompletionRequest.of("Hi")).collectList().block();
		assertThat(chunks).containsExactly(CompletionChunk.delta("Whole answer"),
				CompletionChunk.builder().last(true).finishReason("stop").usage(Usage.of(1, 2, 3)).model("m").build());
	}

	private List<CompletionChunk> stream(CompletionRequest request) {
		List<CompletionChunk> chunks = client.completionModel()
			.stream(request)
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(chunks).isNotNull();
		return chunks;
	}

	private @Nullable Throwable failure(CompletionRequest request) {
		return catchThrowable(() -> client.completionModel().stream(request).blockLast(Duration.ofSeconds(10)));
	}

	private void answer(String body) {
		wireMock().stubFor(post(anyUrl()).willReturn(eventStream(body)));
	}

	private static ResponseDefinitionBuilder eventStream(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
	}

	private static String sse(String... payloads) {
		StringBuilder body = new StringBuilder();
		for (String payload : payloads) {
			body.append("data: ").append(payload).append("\n\n");
		}
		return body.append("data: [DONE]\n\n").toString();
	}

	private static String text(String content) {
		return "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}";
	}

	private static String finish(String reason) {
		return "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason + "\"}]}";
	}

	private static String joined(@Nullable List<CompletionChunk> chunks) {
		assertThat(chunks).isNotNull();
		return String.join("", chunks.stream().map(CompletionChunk::text).toList());
	}

	private List<LoggedRequest> requests() {
		List<LoggedRequest> requests = new ArrayList<>(wireMock().findAll(anyRequestedFor(anyUrl())));
		return requests;
	}

	private LoggedRequest lastRequest() {
		List<LoggedRequest> requests = requests();
		assertThat(requests).isNotEmpty();
		return requests.get(requests.size() - 1);
	}

}
