package dev.customllm.internal.completion;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import dev.customllm.LlmApiException;
import dev.customllm.LlmRateLimitException;
import dev.customllm.LlmResponseException;
import dev.customllm.completion.CompletionApi;
import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.CompletionDefaults;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.CompletionResponse;
import dev.customllm.completion.ContentPart;
import dev.customllm.completion.Message;
import dev.customllm.completion.ResponseFormat;
import dev.customllm.completion.ToolCall;
import dev.customllm.completion.ToolDefinition;
import dev.customllm.internal.json.LlmJson;
import dev.customllm.test.LlmFault;
import dev.customllm.testing.SimulatedClient;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link OpenAiCompletionModel} on the Responses API
 * ({@code custom.llm.completion.api=responses}) against the test kit's simulator: what is
 * sent, what is read, and how failures map.
 *
 * @author Custom LLM team
 */
class ResponsesCompletionModelTests {

	@RegisterExtension
	static final SimulatedClient fixture = SimulatedClient.configured((builder) -> builder.apiKey("sk-test")
		.completionApi(CompletionApi.RESPONSES)
		.completionDefaults(
				CompletionDefaults.builder().model("default-model").temperature(0.3).maxTokens(64).build()));

	private static final ToolDefinition WEATHER = ToolDefinition.of("get_weather", "Current weather",
			LlmJson.mapper().readTree("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"));

	@Test
	void sendsTheWholeConversationStatelessWithTheSystemPromptAsInstructions() {
		ToolCall call = new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}");
		CompletionRequest request = CompletionRequest.builder()
			.model("gpt-5-mini")
			.system("Be brief.")
			.message(Message.user("Weather in Paris?"))
			.message(Message.assistant("", List.of(call)))
			.message(Message.tool("call_1", "Sunny"))
			.message(Message.assistant("It is sunny."))
			.message(Message.user(List.of(ContentPart.text("And this?"), ContentPart.imageUrl("https://x.test/a.png"))))
			.temperature(0.5)
			.maxTokens(300)
			.topP(0.9)
			.tools(List.of(WEATHER))
			.toolChoice("get_weather")
			.reasoningEffort("low")
			.extra("truncation", "auto")
			.build();
		fixture.client().completionModel().complete(request);
		JsonNode body = lastBody();
		assertThat(body).isEqualTo(LlmJson.mapper()
			.readTree(
					"""
							{"model":"gpt-5-mini","instructions":"Be brief.","input":[
							 {"role":"user","content":"Weather in Paris?"},
							 {"type":"function_call","call_id":"call_1","name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"},
							 {"type":"function_call_output","call_id":"call_1","output":"Sunny"},
							 {"role":"assistant","content":"It is sunny."},
							 {"role":"user","content":[{"type":"input_text","text":"And this?"},
							  {"type":"input_image","image_url":"https://x.test/a.png","detail":"auto"}]}],
							 "temperature":0.5,"max_output_tokens":300,"top_p":0.9,"store":false,
							 "tools":[{"type":"function","name":"get_weather","description":"Current weather",
							  "parameters":{"type":"object","properties":{"city":{"type":"string"}}},"strict":false}],
							 "tool_choice":{"type":"function","name":"get_weather"},
							 "reasoning":{"effort":"low","summary":"auto"},"truncation":"auto"}"""));
	}

	@Test
	void asksForStructuredOutputThroughTextFormatAndStreamsWithoutStreamOptions() {
		CompletionRequest request = CompletionRequest.builder()
			.prompt("Summarize Spring")
			.responseFormat(ResponseFormat.jsonSchema("Summary",
					Map.of("type", "object", "properties", Map.of("summary", Map.of("type", "string")))))
			.build();
		fixture.client().completionModel().stream(request).blockLast();
		JsonNode body = lastBody();
		assertThat(body.path("text")).isEqualTo(LlmJson.mapper().readTree("""
				{"format":{"type":"json_schema","name":"Summary","strict":true,
				 "schema":{"type":"object","properties":{"summary":{"type":"string"}}}}}"""));
		assertThat(body.path("stream").asBoolean()).isTrue();
		assertThat(body.has("stream_options")).isFalse();
		assertThat(body.path("store").asBoolean(true)).isFalse();
		assertThat(body.path("model").asString()).isEqualTo("default-model");
		assertThat(body.path("max_output_tokens").asInt()).isEqualTo(64);
		assertThat(body.has("reasoning")).isFalse();
	}

	@Test
	void aServiceThatRefusesJsonSchemaGetsJsonObjectWithTheSchemaInTheInstructions() {
		fixture.simulator().responses().refusesJsonSchema();
		Summary summary = fixture.client()
			.completionModel("refusing-model")
			.complete(CompletionRequest.of("Summarize the Spring documentation"), Summary.class);
		assertThat(summary.summary()).isNotBlank();
		List<JsonNode> bodies = fixture.simulator().responsesRequests().stream().map((r) -> r.json()).toList();
		assertThat(bodies).hasSize(2);
		assertThat(bodies.get(0).path("text").path("format").path("type").asString()).isEqualTo("json_schema");
		assertThat(bodies.get(1).path("text").path("format").path("type").asString()).isEqualTo("json_object");
		assertThat(bodies.get(1).path("instructions").asString()).contains("JSON Schema", "\"summary\"");
	}

	record Summary(String summary) {
	}

	@Test
	void storeMayBeAskedForAndWhatTheApiLacksIsRefused() {
		fixture.client()
			.completionModel()
			.complete(CompletionRequest.builder().prompt("Hi").extra("store", true).build());
		assertThat(lastBody().path("store").asBoolean()).isTrue();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> fixture.client()
				.completionModel()
				.complete(CompletionRequest.builder().prompt("Hi").stop("END").build()))
			.withMessageContaining("stop is not supported by the Responses API");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> fixture.client()
				.completionModel()
				.complete(CompletionRequest.builder().prompt("Hi").seed(1).build()))
			.withMessageContaining("seed is not supported by the Responses API");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> fixture.client()
				.completionModel()
				.complete(CompletionRequest.builder().prompt("Hi").extra("input", "x").build()))
			.withMessageContaining("extra parameter 'input'");
	}

	@Test
	void readsReasoningSummariesAndReasoningTokensUnaryAndStreamed() {
		CompletionRequest request = CompletionRequest.builder()
			.prompt("Why is the sky blue?")
			.reasoningEffort("high")
			.build();
		CompletionResponse response = fixture.client().completionModel().complete(request);
		assertThat(response.reasoning()).startsWith("Simulated reasoning:");
		assertThat(response.text()).isNotBlank();
		assertThat(response.usage().reasoningTokens()).isPositive();
		assertThat(response.usage().cachedTokens()).isZero();
		List<CompletionChunk> chunks = fixture.client().completionModel().stream(request).collectList().block();
		assertThat(String.join("", chunks.stream().map(CompletionChunk::reasoning).filter((r) -> r != null).toList()))
			.isEqualTo(response.reasoning());
		assertThat(String.join("", chunks.stream().map(CompletionChunk::text).toList())).isEqualTo(response.text());
		assertThat(chunks.get(chunks.size() - 1).usage()).isEqualTo(response.usage());
	}

	@Test
	void stubbedToolCallsArriveUnaryAndStreamed() {
		fixture.simulator().responses().callsTool("get_weather", "{\"city\":\"Paris\"}");
		CompletionRequest request = CompletionRequest.builder().prompt("Weather?").tools(List.of(WEATHER)).build();
		CompletionResponse response = fixture.client().completionModel().complete(request);
		assertThat(response.toolCalls()).singleElement().satisfies((call) -> {
			assertThat(call.name()).isEqualTo("get_weather");
			assertThat(call.arguments()).isEqualTo("{\"city\":\"Paris\"}");
		});
		assertThat(response.finishReason()).isEqualTo("tool_calls");
		CompletionChunk last = fixture.client().completionModel().stream(request).blockLast();
		assertThat(last.toolCalls()).singleElement().satisfies((call) -> {
			assertThat(call.name()).isEqualTo("get_weather");
			assertThat(call.arguments()).isEqualTo("{\"city\":\"Paris\"}");
		});
		assertThat(last.finishReason()).isEqualTo("tool_calls");
	}

	@Test
	void failuresMapToTheErrorModelAsOnChat() {
		fixture.simulator().responses().fails(LlmFault.status(429, "Slow down"));
		assertThatExceptionOfType(LlmRateLimitException.class)
			.isThrownBy(() -> fixture.client().completionModel().complete("Hi"));
		fixture.simulator().reset();
		fixture.simulator().responses().fails(LlmFault.cutStream("Once", " upon"));
		assertThatExceptionOfType(LlmResponseException.class)
			.isThrownBy(() -> fixture.client().completionModel().stream(CompletionRequest.of("Hi")).blockLast())
			.withMessageContaining("stream ended before");
		fixture.simulator().reset();
		fixture.simulator()
			.wireMock()
			.stubFor(post(urlPathEqualTo("/v1/responses")).willReturn(
					okJson("""
							{"id":"resp_1","status":"failed","output":[],"error":{"code":"server_error","message":"Model crashed"}}""")));
		assertThatExceptionOfType(LlmApiException.class)
			.isThrownBy(() -> fixture.client().completionModel().complete("Hi"))
			.withMessageContaining("Model crashed");
		fixture.simulator()
			.wireMock()
			.stubFor(post(urlPathEqualTo("/v1/responses")).willReturn(
					okJson("""
							{"id":"resp_2","status":"completed","output":[{"type":"message","content":[{"type":"output_text","text":7}]}]}""")));
		assertThatExceptionOfType(LlmResponseException.class)
			.isThrownBy(() -> fixture.client().completionModel().complete("Hi"))
			.withMessageContaining("text must be a JSON string");
	}

	private static JsonNode lastBody() {
		return fixture.simulator().responsesRequests().get(fixture.simulator().responsesRequests().size() - 1).json();
	}

}
