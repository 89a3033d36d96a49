package dev.customllm.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.github.tomakehurst.wiremock.client.WireMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LlmSimulator}.
 */
class LlmSimulatorTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient client = HttpClient.newHttpClient();

	private static LlmSimulator simulator;

	@BeforeAll
	static void start() {
		simulator = LlmSimulator.start();
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
	void listensOnLoopbackUnderV1() {
		assertThat(simulator.baseUrl()).isEqualTo("http://127.0.0.1:" + simulator.port() + "/v1");
		assertThat(simulator.port()).isPositive();
	}

	@Test
	void answersChatInOpenAiShape() throws Exception {
		HttpResponse<String> response = post("/chat/completions", chat("gpt-test", "What is the capital of France?"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("x-simulator")).hasValue("custom-llm-simulator");
		assertThat(response.headers().firstValue("content-type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode body = json.readTree(response.body());
		assertThat(body.path("id").stringValue()).startsWith("chatcmpl-sim-");
		assertThat(body.path("object").stringValue()).isEqualTo("chat.completion");
		assertThat(body.path("created").longValue()).isPositive();
		assertThat(body.path("model").stringValue()).isEqualTo("gpt-test");
		assertThat(body.path("system_fingerprint").stringValue()).isEqualTo("custom-llm-simulator");
		JsonNode choice = body.path("choices").path(0);
		assertThat(choice.path("index").intValue()).isZero();
		assertThat(choice.path("message").path("role").stringValue()).isEqualTo("assistant");
		assertThat(choice.path("message").path("content").stringValue())
			.isEqualTo("Simulated answer: What is the capital of France?");
		assertThat(choice.path("finish_reason").stringValue()).isEqualTo("stop");
		assertUsage(body.path("usage"), 6, 8);
	}

	@Test
	void answersChatDeterministically() throws Exception {
		JsonNode first = json.readTree(post("/chat/completions", chat("m", "Tell me a story")).body());
		JsonNode second = json.readTree(post("/chat/completions", chat("m", "Tell me a story")).body());
		assertThat(second.path("choices")).isEqualTo(first.path("choices"));
		assertThat(second.path("usage")).isEqualTo(first.path("usage"));
		assertThat(second.path("id")).isNotEqualTo(first.path("id"));
	}

	@Test
	void usesSimulatorAsModelWhenNoneIsRequested() throws Exception {
		String request = """
				{"messages":[{"role":"user","content":"Hi"}]}""";
		assertThat(json.readTree(post("/chat/completions", request).body()).path("model").stringValue())
			.isEqualTo("simulator");
	}

	@Test
	void summarizesWhenTheSystemMessageAsksForIt() throws Exception {
		String request = """
				{"model":"m","messages":[{"role":"system","content":"You SUMMARIZE texts."},
				{"role":"user","content":"Read this:\\nThe sky is blue today. It rained yesterday."}]}""";
		assertThat(content(post("/chat/completions", request))).isEqualTo("The sky is blue today.");
	}

	@Test
	void summarizesWhenTheUserMessageAsksForIt() throws Exception {
		assertThat(content(post("/chat/completions", chat("m", "Summarise: Cats sleep a lot! Dogs do not."))))
			.isEqualTo("Cats sleep a lot!");
	}

	@Test
	void cutsChatAnswerAtMaxTokens() throws Exception {
		String request = """
				{"model":"m","max_tokens":3,"messages":[{"role":"user","content":"one two three four"}]}""";
		JsonNode body = json.readTree(post("/chat/completions", request).body());
		JsonNode choice = body.path("choices").path(0);
		assertThat(choice.path("message").path("content").stringValue()).isEqualTo("Simulated answer: one");
		assertThat(choice.path("finish_reason").stringValue()).isEqualTo("length");
		assertThat(body.path("usage").path("completion_tokens").intValue()).isEqualTo(3);
	}

	@Test
	void streamsTheSameAnswerAsServerSentEvents() throws Exception {
		String question = "Explain streaming of server sent events in a few more words than usual please";
		String expected = content(post("/chat/completions", chat("m", question)));
		HttpResponse<String> response = post("/chat/completions", streamedChat(question, true));
		assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
		List<String> events = events(response.body());
		assertThat(events).last().isEqualTo("[DONE]");
		List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(json::readTree).toList();
		assertThat(chunks)
			.allSatisfy((chunk) -> assertThat(chunk.path("object").stringValue()).isEqualTo("chat.completion.chunk"));
		assertThat(chunks).extracting((chunk) -> chunk.path("id")).containsOnly(chunks.get(0).path("id"));
		assertThat(deltas(chunks)).isEqualTo(expected);
		JsonNode finish = chunks.get(chunks.size() - 2).path("choices").path(0);
		assertThat(finish.path("finish_reason").stringValue()).isEqualTo("stop");
		JsonNode usage = chunks.get(chunks.size() - 1);
		assertThat(usage.path("choices").isArray()).isTrue();
		assertThat(usage.path("choices").isEmpty()).isTrue();
		assertUsage(usage.path("usage"), 14, 16);
	}

	@Test
	void streamsWithoutUsageChunkUnlessAsked() throws Exception {
		List<String> events = events(post("/chat/completions", streamedChat("Hello there", false)).body());
		JsonNode last = json.readTree(events.get(events.size() - 2));
		assertThat(last.path("choices").path(0).path("finish_reason").stringValue()).isEqualTo("stop");
		assertThat(last.has("usage")).isFalse();
	}

	@Test
	void answersTextCompletion() throws Exception {
		String request = """
				{"model":"text-model","prompt":["Say hello to the world"],"max_tokens":4}""";
		JsonNode body = json.readTree(post("/completions", request).body());
		assertThat(body.path("id").stringValue()).startsWith("cmpl-sim-");
		assertThat(body.path("object").stringValue()).isEqualTo("text_completion");
		assertThat(body.path("model").stringValue()).isEqualTo("text-model");
		JsonNode choice = body.path("choices").path(0);
		assertThat(choice.path("text").stringValue()).isEqualTo("Simulated answer: Say hello");
		assertThat(choice.path("finish_reason").stringValue()).isEqualTo("length");
		assertUsage(body.path("usage"), 5, 4);
	}

	@Test
	void streamsTextCompletion() throws Exception {
		String request = """
				{"model":"m","prompt":"Say hello to the world","stream":true}""";
		List<String> events = events(post("/completions", request).body());
		assertThat(events).last().isEqualTo("[DONE]");
		StringBuilder text = new StringBuilder();
		events.subList(0, events.size() - 1)
			.forEach((event) -> text.append(json.readTree(event).path("choices").path(0).path("text").stringValue()));
		assertThat(text).hasToString("Simulated answer: Say hello to the world");
	}

	@Test
	void embedsAsFloatsByDefault() throws Exception {
		String request = """
				{"model":"embed","input":["red apples","green pears"]}""";
		JsonNode body = json.readTree(post("/embeddings", request).body());
		assertThat(body.path("object").stringValue()).isEqualTo("list");
		assertThat(body.path("model").stringValue()).isEqualTo("embed");
		assertThat(body.path("usage").path("prompt_tokens").intValue()).isEqualTo(4);
		assertThat(body.path("usage").path("total_tokens").intValue()).isEqualTo(4);
		JsonNode second = body.path("data").path(1);
		assertThat(second.path("object").stringValue()).isEqualTo("embedding");
		assertThat(second.path("index").intValue()).isEqualTo(1);
		assertThat(floats(second.path("embedding"))).containsExactly(SimulatedEmbeddings.embed("green pears", 256));
	}

	@Test
	void embedsAsBase64WithRequestedDimensions() throws Exception {
		String request = """
				{"model":"embed","input":"red apples","dimensions":64,"encoding_format":"base64"}""";
		JsonNode body = json.readTree(post("/embeddings", request).body());
		String encoded = body.path("data").path(0).path("embedding").stringValue();
		ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).order(ByteOrder.LITTLE_ENDIAN);
		float[] vector = new float[bytes.remaining() / Float.BYTES];
		bytes.asFloatBuffer().get(vector);
		assertThat(vector).containsExactly(SimulatedEmbeddings.embed("red apples", 64));
	}

	@Test
	void honoursDimensionsForFloats() throws Exception {
		String request = """
				{"input":"red apples","dimensions":12}""";
		JsonNode body = json.readTree(post("/embeddings", request).body());
		assertThat(body.path("data").path(0).path("embedding").size()).isEqualTo(12);
	}

	@Test
	void listsTheSimulatorModel() throws Exception {
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/models")).build(),
				BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode model = json.readTree(response.body()).path("data").path(0);
		assertThat(model.path("id").stringValue()).isEqualTo("simulator");
		assertThat(model.path("owned_by").stringValue()).isEqualTo("custom-llm-simulator");
	}

	@Test
	void rejectsMalformedJson() throws Exception {
		assertInvalidRequest(post("/chat/completions", "{\"messages\": ["), "Malformed JSON");
	}

	@Test
	void rejectsChatWithoutMessages() throws Exception {
		assertInvalidRequest(post("/chat/completions", "{\"model\":\"m\"}"), "messages");
	}

	@Test
	void rejectsEmbeddingsWithoutInput() throws Exception {
		assertInvalidRequest(post("/embeddings", "{\"model\":\"m\"}"), "input");
	}

	@Test
	void answersUnknownEndpointsWithNotFound() throws Exception {
		HttpResponse<String> response = post("/audio/speech", "{}");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(json.readTree(response.body()).path("error").path("type").stringValue())
			.isEqualTo("invalid_request_error");
	}

	@Test
	void letsUserStubsOverrideTheSimulation() throws Exception {
		simulator.wireMock()
			.stubFor(WireMock.post("/v1/chat/completions").willReturn(WireMock.aResponse().withStatus(503)));
		assertThat(post("/chat/completions", chat("m", "Hello")).statusCode()).isEqualTo(503);
		assertThat(post("/embeddings", "{\"input\":\"Hello\"}").statusCode()).isEqualTo(200);
	}

	@Test
	void recordsRequestsForVerification() throws Exception {
		post("/chat/completions", chat("m", "Hello"));
		simulator.wireMock()
			.verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo("/v1/chat/completions"))
				.withRequestBody(WireMock.matchingJsonPath("$.messages[0].content", WireMock.equalTo("Hello"))));
	}

	@Test
	void resetKeepsTheSimulation() throws Exception {
		simulator.wireMock()
			.stubFor(WireMock.post("/v1/chat/completions").willReturn(WireMock.aResponse().withStatus(503)));
		post("/chat/completions", chat("m", "Hello"));
		simulator.reset();
		assertThat(simulator.wireMock().getAllServeEvents()).isEmpty();
		assertThat(content(post("/chat/completions", chat("m", "Hello")))).isEqualTo("Simulated answer: Hello");
	}

	@Test
	void startsWithoutJournal() throws Exception {
		try (LlmSimulator unrecorded = LlmSimulator.startWithoutJournal(0)) {
			HttpRequest request = HttpRequest.newBuilder(URI.create(unrecorded.baseUrl() + "/chat/completions"))
				.POST(BodyPublishers.ofString(chat("m", "Hello")))
				.build();
			assertThat(client.send(request, BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		}
	}

	private static String chat(String model, String question) {
		return json.writeValueAsString(json.createObjectNode()
			.put("model", model)
			.set("messages",
					json.createArrayNode().add(json.createObjectNode().put("role", "user").put("content", question))));
	}

	private static String streamedChat(String question, boolean includeUsage) {
		String chat = chat("m", question);
		String stream = ",\"stream\":true,\"stream_options\":{\"include_usage\":" + includeUsage + "}}";
		return chat.substring(0, chat.length() - 1) + stream;
	}

	private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body))
			.build();
		return client.send(request, BodyHandlers.ofString());
	}

	private static URI uri(String path) {
		return URI.create(simulator.baseUrl() + path);
	}

	private static String content(HttpResponse<String> response) {
		return json.readTree(response.body()).path("choices").path(0).path("message").path("content").stringValue();
	}

	private static List<String> events(String body) {
		assertThat(body).endsWith("\n\n");
		List<String> events = new ArrayList<>();
		for (String event : body.split("\n\n")) {
			assertThat(event).startsWith("data: ");
			events.add(event.substring("data: ".length()));
		}
		return events;
	}

	private static String deltas(List<JsonNode> chunks) {
		StringBuilder text = new StringBuilder();
		chunks
			.forEach((chunk) -> text.append(chunk.path("choices").path(0).path("delta").path("content").asString("")));
		return text.toString();
	}

	private static float[] floats(JsonNode array) {
		float[] values = new float[array.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = array.path(i).floatValue();
		}
		return values;
	}

	private static void assertUsage(JsonNode usage, int prompt, int completion) {
		assertThat(usage.path("prompt_tokens").intValue()).isEqualTo(prompt);
		assertThat(usage.path("completion_tokens").intValue()).isEqualTo(completion);
		assertThat(usage.path("total_tokens").intValue()).isEqualTo(prompt + completion);
	}

	private static void assertInvalidRequest(HttpResponse<String> response, String message) {
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("x-simulator")).hasValue("custom-llm-simulator");
		JsonNode error = json.readTree(response.body()).path("error");
		assertThat(error.path("message").stringValue()).contains(message);
		assertThat(error.path("type").stringValue()).isEqualTo("invalid_request_error");
		assertThat(error.has("param")).isTrue();
		assertThat(error.path("param").isNull()).isTrue();
		assertThat(error.path("code").isNull()).isTrue();
	}

}
