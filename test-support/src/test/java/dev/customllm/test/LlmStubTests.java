package dev.customllm.test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.customllm.test.SimulatorHttp.chat;
import static dev.customllm.test.SimulatorHttp.content;
import static dev.customllm.test.SimulatorHttp.deltas;
import static dev.customllm.test.SimulatorHttp.events;
import static dev.customllm.test.SimulatorHttp.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the fluent stubs of {@link LlmSimulator}.
 */
class LlmStubTests {

	private static LlmSimulator simulator;

	private static SimulatorHttp http;

	@BeforeAll
	static void start() {
		simulator = LlmSimulator.start();
		http = new SimulatorHttp(simulator);
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	@AfterEach
	void reset() {
		simulator.reset();
	}

	@Test
	void chatAnswersWithTheStubbedText() {
		simulator.chat().answers("Paris is the capital.");
		JsonNode completion = http.postJson("/chat/completions", chat("Capital of France?", false));
		assertThat(content(completion)).isEqualTo("Paris is the capital.");
		assertThat(completion.path("choices").path(0).path("finish_reason").stringValue()).isEqualTo("stop");
		assertThat(completion.path("usage").path("completion_tokens").intValue()).isEqualTo(4);
	}

	@Test
	void stubbedTextIsStreamedInFragmentsWhenAsked() throws IOException {
		simulator.chat().answers("One two three four  five\nsix seven.");
		List<JsonNode> events = events(http.post("/chat/completions", chat("Count", true)).body());
		assertThat(deltas(events)).isEqualTo("One two three four  five\nsix seven.");
		assertThat(events).hasSizeGreaterThan(3);
		assertThat(events.get(events.size() - 1).path("usage").path("total_tokens").intValue()).isPositive();
	}

	@Test
	void streamsSendOneEventPerFragment() throws IOException {
		simulator.chat().streams("Hel", "lo", "!");
		String body = http.post("/chat/completions", chat("Hi", true)).body();
		List<JsonNode> events = events(body);
		assertThat(events).extracting((event) -> event.path("choices").path(0).path("delta").path("content"))
			.extracting((content) -> content.asString(""))
			.startsWith("", "Hel", "lo", "!");
		assertThat(body).endsWith("data: [DONE]\n\n");
		assertThat(content(http.postJson("/chat/completions", chat("Hi", false)))).isEqualTo("Hello!");
	}

	@Test
	void chatCallsTheStubbedTool() {
		simulator.chat().callsTool("get_weather", "{\"city\":\"Paris\"}");
		JsonNode choice = http.postJson("/chat/completions", chat("Weather?", false)).path("choices").path(0);
		assertThat(choice.path("finish_reason").stringValue()).isEqualTo("tool_calls");
		JsonNode call = choice.path("message").path("tool_calls").path(0);
		assertThat(call.path("type").stringValue()).isEqualTo("function");
		assertThat(call.path("id").stringValue()).isNotBlank();
		assertThat(call.path("function").path("name").stringValue()).isEqualTo("get_weather");
		assertThat(call.path("function").path("arguments").stringValue()).isEqualTo("{\"city\":\"Paris\"}");
	}

	@Test
	void chatCallsSeveralToolsInOneAnswer() {
		simulator.chat()
			.callsTools(ToolCallStub.of("get_weather", "{\"city\":\"Paris\"}"),
					ToolCallStub.of("get_time", "{\"zone\":\"CET\"}"));
		JsonNode calls = http.postJson("/chat/completions", chat("Weather and time?", false))
			.path("choices")
			.path(0)
			.path("message")
			.path("tool_calls");
		assertThat(calls.size()).isEqualTo(2);
		assertThat(calls.path(0).path("function").path("name").stringValue()).isEqualTo("get_weather");
		assertThat(calls.path(1).path("function").path("name").stringValue()).isEqualTo("get_time");
		assertThat(calls.path(0).path("id").stringValue()).isNotEqualTo(calls.path(1).path("id").stringValue());
	}

	@Test
	void streamedToolCallCarriesIndexAndFinishReason() throws IOException {
		simulator.chat().callsTool("get_weather", "{\"city\":\"Paris\"}");
		List<JsonNode> events = events(http.post("/chat/completions", chat("Weather?", true)).body());
		assertThat(events).anySatisfy((event) -> assertThat(
				event.path("choices").path(0).path("delta").path("tool_calls").path(0).path("index").isInt())
			.isTrue());
		assertThat(events)
			.anySatisfy((event) -> assertThat(event.path("choices").path(0).path("finish_reason").asString(""))
				.isEqualTo("tool_calls"));
	}

	@Test
	void toolArgumentsMustBeAJsonObjectAndToolsNeedChat() {
		assertThatIllegalArgumentException().isThrownBy(() -> simulator.chat().callsTool("f", "[1]"));
		assertThatIllegalStateException().isThrownBy(() -> simulator.completions().callsTool("f", "{}"));
	}

	@Test
	void textCompletionsAnswerWithTheStubbedText() throws IOException {
		simulator.completions().answers("Once upon a time");
		JsonNode completion = http.postJson("/completions", text("Tell", false));
		assertThat(completion.path("choices").path(0).path("text").stringValue()).isEqualTo("Once upon a time");
		List<JsonNode> events = events(http.post("/completions", text("Tell", true)).body());
		StringBuilder streamed = new StringBuilder();
		events.forEach((event) -> streamed.append(event.path("choices").path(0).path("text").asString("")));
		assertThat(streamed).hasToString("Once upon a time");
	}

	@Test
	void embeddingsAnswerWithTheStubbedVectorsInTheRequestedEncoding() {
		simulator.embeddings().answers(new float[] { 1.0f, 0.5f }, new float[] { -1.0f, 0.25f });
		JsonNode floats = http.postJson("/embeddings", "{\"model\":\"e\",\"input\":[\"a\",\"b\"]}");
		assertThat(floats.path("data").path(1).path("embedding").path(1).floatValue()).isEqualTo(0.25f);
		JsonNode base64 = http.postJson("/embeddings", "{\"input\":[\"a\"],\"encoding_format\":\"base64\"}");
		assertThat(base64.path("data")).hasSize(2);
		byte[] bytes = Base64.getDecoder().decode(base64.path("data").path(0).path("embedding").stringValue());
		assertThat(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getFloat(4)).isEqualTo(0.5f);
	}

	@Test
	void countedStubsAreUsedUpInOrderThenTheSimulatedBehaviourAnswers() throws IOException {
		simulator.chat().once().fails(LlmFault.unavailable());
		simulator.chat().times(2).answers("second");
		simulator.chat().once().fails(LlmFault.rateLimited());
		assertThat(http.post("/chat/completions", chat("Hi", false)).statusCode()).isEqualTo(503);
		assertThat(content(http.postJson("/chat/completions", chat("Hi", false)))).isEqualTo("second");
		assertThat(content(http.postJson("/chat/completions", chat("Hi", false)))).isEqualTo("second");
		assertThat(http.post("/chat/completions", chat("Hi", false)).statusCode()).isEqualTo(429);
		assertThat(content(http.postJson("/chat/completions", chat("Hi", false)))).startsWith("Simulated answer:");
	}

	@Test
	void countedStubsWinOverStandingStubs() {
		simulator.chat().answers("standing");
		simulator.chat().once().answers("first");
		assertThat(content(http.postJson("/chat/completions", chat("Hi", false)))).isEqualTo("first");
		assertThat(content(http.postJson("/chat/completions", chat("Hi", false)))).isEqualTo("standing");
	}

	@Test
	void narrowedStubsApplyToMatchingRequestsOnly() {
		simulator.chat().whenRequestContains("France").answers("Paris.");
		simulator.chat().answers("Anything else.");
		assertThat(content(http.postJson("/chat/completions", chat("Capital of France?", false)))).isEqualTo("Paris.");
		assertThat(content(http.postJson("/chat/completions", chat("Capital of Peru?", false))))
			.isEqualTo("Anything else.");
	}

	@Test
	void delayedStubsAnswerLate() {
		simulator.chat().delayedBy(Duration.ofMillis(400)).answers("late");
		long start = System.nanoTime();
		assertThat(content(http.postJson("/chat/completions", chat("Hi", false)))).isEqualTo("late");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
	}

	@Test
	void rateLimitedAnswers429WithRetryAfterAndAnOpenAiError() throws IOException {
		simulator.chat().fails(LlmFault.rateLimited(Duration.ofMillis(1500)));
		HttpResponse<String> response = http.post("/chat/completions", chat("Hi", false));
		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
		JsonNode error = SimulatorHttp.json.readTree(response.body()).path("error");
		assertThat(error.path("code").stringValue()).isEqualTo("rate_limit_exceeded");
		assertThat(error.path("message").stringValue()).isNotBlank();
	}

	@Test
	void statusAndBodyFaultsAnswerAsGiven() throws IOException {
		simulator.embeddings().once().fails(LlmFault.status(400, "bad input"));
		simulator.embeddings().once().fails(LlmFault.body(502, "text/html", "<html>Bad Gateway</html>"));
		HttpResponse<String> first = http.post("/embeddings", "{\"input\":\"a\"}");
		assertThat(first.statusCode()).isEqualTo(400);
		assertThat(SimulatorHttp.json.readTree(first.body()).path("error").path("type").stringValue())
			.isEqualTo("invalid_request_error");
		HttpResponse<String> second = http.post("/embeddings", "{\"input\":\"a\"}");
		assertThat(second.statusCode()).isEqualTo(502);
		assertThat(second.body()).isEqualTo("<html>Bad Gateway</html>");
		assertThatIllegalArgumentException().isThrownBy(() -> LlmFault.status(200, "fine"));
	}

	@Test
	void malformedBodyIsCutJson() throws IOException {
		simulator.chat().fails(LlmFault.malformedBody());
		HttpResponse<String> response = http.post("/chat/completions", chat("Hi", false));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).startsWith("{").doesNotEndWith("}");
	}

	@Test
	void connectionResetAndEmptyResponseFailTheRequest() {
		simulator.chat().once().fails(LlmFault.connectionReset());
		simulator.chat().once().fails(LlmFault.emptyResponse());
		String body = chat("Hi", false);
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> http.post("/chat/completions", body));
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> http.post("/chat/completions", body));
	}

	@Test
	void cutStreamEndsWithoutFinishReasonOrDone() throws IOException {
		simulator.chat().fails(LlmFault.cutStream("Partial", " answer"));
		String body = http.post("/chat/completions", chat("Hi", true)).body();
		assertThat(body).doesNotContain("[DONE]").doesNotContain("\"finish_reason\":\"stop\"");
		assertThat(deltas(events(body))).isEqualTo("Partial answer");
		assertThatIllegalArgumentException().isThrownBy(() -> simulator.embeddings().fails(LlmFault.cutStream("x")));
	}

	@Test
	void recordsRequestsInOrderWithBodiesAndHeaders() throws IOException {
		http.post("/chat/completions", chat("First question", false));
		http.post("/embeddings", "{\"model\":\"e\",\"input\":[\"a\",\"b\"]}");
		http.post("/completions", text("Once", true));
		assertThat(simulator.requests()).extracting(LlmRequest::path)
			.containsExactly("/v1/chat/completions", "/v1/embeddings", "/v1/completions");
		LlmRequest chat = simulator.chatRequests().get(0);
		assertThat(chat.prompt()).isEqualTo("First question");
		assertThat(chat.model()).isEqualTo("m");
		assertThat(chat.streamed()).isFalse();
		assertThat(chat.header("authorization")).isEqualTo("Bearer sk-test");
		assertThat(chat.header("X-Absent")).isNull();
		assertThat(chat.json().path("messages").size()).isOne();
		assertThat(simulator.embeddingRequests().get(0).inputs()).containsExactly("a", "b");
		assertThat(simulator.completionRequests().get(0).prompt()).isEqualTo("Once");
		assertThat(simulator.completionRequests().get(0).streamed()).isTrue();
	}

	@Test
	void resetRemovesStubsSequencesAndRecordedRequests() {
		simulator.chat().once().answers("stubbed");
		simulator.reset();
		assertThat(content(http.postJson("/chat/completions", chat("Hi", false)))).startsWith("Simulated answer:");
		simulator.reset();
		assertThat(simulator.requests()).isEmpty();
		simulator.chat().once().answers("again");
		assertThat(content(http.postJson("/chat/completions", chat("Hi", false)))).isEqualTo("again");
	}

}
