package dev.customllm.internal.completion;

import dev.customllm.completion.CompletionApi;
import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.CompletionDefaults;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.CompletionResponse;
import dev.customllm.completion.Message;
import dev.customllm.completion.ToolCall;
import dev.customllm.completion.Usage;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import dev.customllm.CustomLlmClient;
import dev.customllm.testing.SimulatedClient;
import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;
import dev.customllm.internal.json.LlmJson;
import dev.customllm.test.ToolCallStub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link OpenAiCompletionModel} on the chat API against answers shaped like
 * real services.
 */
class ChatCompletionModelTests {

	@RegisterExtension
	static final SimulatedClient fixture = SimulatedClient.configured((builder) -> builder.apiKey("sk-test-0123456789")
		.header("X-Team", "search")
		.completionDefaults(
				CompletionDefaults.builder().model("default-model").temperature(0.3).maxTokens(64).build()));

	private WireMockServer wireMock() {
		return fixture.wireMock();
	}

	@Test
	void sendsRequestFieldsAndOverridesDefaults() {
		CompletionRequest request = CompletionRequest.builder()
			.model("qwen2.5-7b")
			.system("Be brief.")
			.message(Message.user("Hi"))
			.message(Message.assistant("Hello!"))
			.prompt("What is Spring?")
			.temperature(1.5)
			.maxTokens(32)
			.topP(0.9)
			.stop("\n\n", "END")
			.seed(42)
			.extra("top_k", 20)
			.extra("chat_template_kwargs", java.util.Map.of("enable_thinking", false))
			.build();
		fixture.client().completionModel().complete(request);
		JsonNode body = lastBody();
		assertThat(body.get("model").asString()).isEqualTo("qwen2.5-7b");
		assertThat(body.get("messages")).hasSize(4);
		assertThat(body.get("messages").get(0).get("role").asString()).isEqualTo("system");
		assertThat(body.get("messages").get(0).get("content").asString()).isEqualTo("Be brief.");
		assertThat(body.get("messages").get(1).get("role").asString()).isEqualTo("user");
		assertThat(body.get("messages").get(2).get("role").asString()).isEqualTo("assistant");
		assertThat(body.get("messages").get(3).get("content").asString()).isEqualTo("What is Spring?");
		assertThat(body.get("temperature").asDouble()).isEqualTo(1.5);
		assertThat(body.get("max_tokens").asInt()).isEqualTo(32);
		assertThat(body.get("top_p").asDouble()).isEqualTo(0.9);
		assertThat(body.get("stop").get(0).asString()).isEqualTo("\n\n");
		assertThat(body.get("stop").get(1).asString()).isEqualTo("END");
		assertThat(body.get("seed").asLong()).isEqualTo(42);
		assertThat(body.get("top_k").asInt()).isEqualTo(20);
		assertThat(body.get("chat_template_kwargs").get("enable_thinking").asBoolean()).isFalse();
		assertThat(body.has("stream")).isFalse();
	}

	@Test
	void usesDefaultsWhereTheRequestLeavesValuesUnsetAndOmitsUnknownOnes() {
		fixture.client().completionModel().complete("Hello there");
		JsonNode body = lastBody();
		assertThat(body.get("model").asString()).isEqualTo("default-model");
		assertThat(body.get("temperature").asDouble()).isEqualTo(0.3);
		assertThat(body.get("max_tokens").asInt()).isEqualTo(64);
		assertThat(body.get("messages")).hasSize(1);
		assertThat(body.get("messages").get(0).get("role").asString()).isEqualTo("user");
		assertThat(body.has("top_p")).isFalse();
		assertThat(body.has("stop")).isFalse();
		assertThat(body.has("seed")).isFalse();
	}

	@Test
	void contentThatIsNotTextIsAnUnusableAnswer() {
		answer("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":42}}]}");
		assertThatExceptionOfType(LlmResponseException.class)
			.isThrownBy(() -> fixture.client().completionModel().complete("Hi"))
			.withMessageContaining("text must be a JSON string, not a number");
		answer("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":true}}]}");
		assertThatExceptionOfType(LlmResponseException.class)
			.isThrownBy(() -> fixture.client().completionModel().complete("Hi"))
			.withMessageContaining("not a boolean");
	}

	@Test
	void namedModelOverridesTheDefaultModel() {
		fixture.client().completionModel("llama3.1:8b").complete("Hello");
		assertThat(lastBody().get("model").asString()).isEqualTo("llama3.1:8b");
	}

	@Test
	void sendsBearerKeyExtraHeadersAndJsonContentType() {
		fixture.client().completionModel().complete("Hello");
		LoggedRequest request = lastRequest();
		assertThat(request.getHeader("Authorization")).isEqualTo("Bearer sk-test-0123456789");
		assertThat(request.getHeader("X-Team")).isEqualTo("search");
		assertThat(request.getHeader("Content-Type")).startsWith("application/json");
		assertThat(request.getUrl()).isEqualTo("/v1/chat/completions");
	}

	@Test
	void readsOpenAiAnswer() {
		answer("""
				{"id":"chatcmpl-abc","object":"chat.completion","created":1741569952,"model":"gpt-4o-2024-08-06",
				 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello!","refusal":null,"annotations":[]},
				 "logprobs":null,"finish_reason":"stop"}],
				 "usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,
				 "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0}},
				 "service_tier":"default","system_fingerprint":"fp_abc"}""");
		CompletionResponse response = fixture.client().completionModel().complete(CompletionRequest.of("Hi"));
		assertThat(response.id()).isEqualTo("chatcmpl-abc");
		assertThat(response.model()).isEqualTo("gpt-4o-2024-08-06");
		assertThat(response.text()).isEqualTo("Hello!");
		assertThat(response.finishReason()).isEqualTo("stop");
		assertThat(response.usage()).isEqualTo(Usage.of(19, 10, 29).toBuilder().cachedTokens(0).build());
		assertThat(response.toolCalls()).isEmpty();
	}

	@Test
	void readsVllmAnswer() {
		answer("""
				{"id":"chatcmpl-9f2","object":"chat.completion","created":1733000000,"model":"Qwen/Qwen2.5-7B-Instruct",
				 "choices":[{"index":0,"message":{"role":"assistant","reasoning_content":null,"content":"Paris.",
				 "tool_calls":[]},"logprobs":null,"finish_reason":"stop","stop_reason":null}],
				 "usage":{"prompt_tokens":25,"total_tokens":27,"completion_tokens":2,"prompt_tokens_details":null},
				 "prompt_logprobs":null,"kv_transfer_params":null}""");
		CompletionResponse response = fixture.client()
			.completionModel()
			.complete(CompletionRequest.of("Capital of France?"));
		assertThat(response.text()).isEqualTo("Paris.");
		assertThat(response.toolCalls()).isEmpty();
		assertThat(response.usage()).isEqualTo(Usage.of(25, 2, 27));
		assertThat(response.model()).isEqualTo("Qwen/Qwen2.5-7B-Instruct");
	}

	@Test
	void readsLlamaCppAnswer() {
		answer("""
				{"choices":[{"finish_reason":"length","index":0,"message":{"role":"assistant","content":"Once upon"}}],
				 "created":1733000000,"model":"gpt-3.5-turbo","system_fingerprint":"b4500-abc","object":"chat.completion",
				 "usage":{"completion_tokens":2,"prompt_tokens":12,"total_tokens":14},"id":"chatcmpl-xyz",
				 "timings":{"prompt_n":12,"prompt_ms":20.1,"predicted_n":2,"predicted_ms":30.5}}""");
		CompletionResponse response = fixture.client().completionModel().complete(CompletionRequest.of("Tell a story"));
		assertThat(response.text()).isEqualTo("Once upon");
		assertThat(response.finishReason()).isEqualTo("length");
		assertThat(response.usage()).isEqualTo(Usage.of(12, 2, 14));
	}

	@Test
	void readsOllamaAnswer() {
		answer("""
				{"id":"chatcmpl-123","object":"chat.completion","created":1733000000,"model":"llama3.2",
				 "system_fingerprint":"fp_ollama","choices":[{"index":0,"message":{"role":"assistant","content":"Hi."},
				 "finish_reason":"stop"}],"usage":{"prompt_tokens":26,"completion_tokens":3,"total_tokens":29}}""");
		CompletionResponse response = fixture.client().completionModel().complete(CompletionRequest.of("Say hi"));
		assertThat(response.text()).isEqualTo("Hi.");
		assertThat(response.id()).isEqualTo("chatcmpl-123");
	}

	@Test
	void readsToolCallsWithNullContent() {
		answer("""
				{"id":"c1","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,
				 "tool_calls":[{"id":"call_1","type":"function","function":{"name":"lookup","arguments":"{\\"id\\":7}"}}]},
				 "finish_reason":"tool_calls"}]}""");
		CompletionResponse response = fixture.client().completionModel().complete(CompletionRequest.of("Find 7"));
		assertThat(response.text()).isEmpty();
		assertThat(response.finishReason()).isEqualTo("tool_calls");
		assertThat(response.toolCalls()).containsExactly(new ToolCall("call_1", "lookup", "{\"id\":7}"));
		assertThat(response.usage()).isNull();
	}

	@Test
	void readsSeveralToolCallsUnaryAndStreamed() {
		fixture.simulator()
			.chat()
			.times(2)
			.callsTools(ToolCallStub.of("lookup", "{\"id\":7}"), ToolCallStub.of("convert", "{\"amount\":2}"));
		CompletionResponse response = fixture.client()
			.completionModel()
			.complete(CompletionRequest.of("Find 7 and convert 2"));
		assertThat(response.toolCalls()).extracting(ToolCall::name).containsExactly("lookup", "convert");
		CompletionChunk last = fixture.client()
			.completionModel()
			.stream(CompletionRequest.of("Find 7 and convert 2"))
			.blockLast(java.time.Duration.ofSeconds(5));
		assertThat(last.toolCalls()).extracting(ToolCall::arguments).containsExactly("{\"id\":7}", "{\"amount\":2}");
		assertThat(last.finishReason()).isEqualTo("tool_calls");
	}

	@Test
	void picksTheChoiceWithIndexZero() {
		answer("""
				{"choices":[{"index":1,"message":{"content":"second"}},{"index":0,"message":{"content":"first"}}]}""");
		assertThat(fixture.client().completionModel().complete("Hi")).isEqualTo("first");
	}

	@Test
	void answerWithoutChoicesIsAnError() {
		answer("{\"id\":\"x\",\"model\":\"m\"}");
		assertThatExceptionOfType(LlmResponseException.class)
			.isThrownBy(() -> fixture.client().completionModel().complete("Hi"))
			.withMessage("chat failed: unusable response: answer has no choices")
			.satisfies((ex) -> assertThat(ex.operation()).isEqualTo(LlmOperation.CHAT));
	}

	@Test
	void answerWithEmptyChoicesIsAnError() {
		answer("{\"choices\":[]}");
		assertThatExceptionOfType(LlmResponseException.class)
			.isThrownBy(() -> fixture.client().completionModel().complete("Hi"))
			.withMessageContaining("no choices");
	}

	@Test
	void answerWithEmptyContentIsAnErrorNotAnEmptyString() {
		answer("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":\"stop\"}]}");
		assertThatExceptionOfType(LlmResponseException.class)
			.isThrownBy(() -> fixture.client().completionModel().complete("Hi"))
			.withMessageContaining("no text and no tool calls");
	}

	@Test
	void answerWithoutMessageIsAnError() {
		answer("{\"choices\":[{\"index\":0,\"finish_reason\":\"stop\"}]}");
		assertThatExceptionOfType(LlmResponseException.class)
			.isThrownBy(() -> fixture.client().completionModel().complete("Hi"))
			.withMessageContaining("choice has no message");
	}

	@Test
	void malformedJsonIsAnError() {
		answer("{\"choices\":[{\"index\":0,");
		assertThatExceptionOfType(LlmResponseException.class)
			.isThrownBy(() -> fixture.client().completionModel().complete("Hi"))
			.withMessageStartingWith("chat failed: unusable response: unreadable JSON answer");
	}

	@Test
	void emptyBodyIsAnError() {
		wireMock().stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));
		assertThatExceptionOfType(LlmResponseException.class)
			.isThrownBy(() -> fixture.client().completionModel().complete("Hi"))
			.withMessageContaining("empty body");
	}

	@Test
	void jsonNullBodyIsAnError() {
		answer("null");
		assertThatExceptionOfType(LlmResponseException.class)
			.isThrownBy(() -> fixture.client().completionModel().complete("Hi"))
			.withMessageContaining("JSON null");
	}

	@Test
	void invalidInputFailsBeforeAnyHttpCall() {
		CompletionModel model = fixture.client().completionModel();
		assertThatIllegalArgumentException().isThrownBy(() -> model.complete(" ")).withMessageContaining("prompt");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CompletionRequest.builder().prompt("x").temperature(2.5).build())
			.withMessageContaining("temperature");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CompletionRequest.builder().prompt("x").temperature(-0.1).build())
			.withMessageContaining("temperature");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CompletionRequest.builder().prompt("x").maxTokens(0).build())
			.withMessageContaining("maxTokens");
		assertThatIllegalArgumentException().isThrownBy(() -> CompletionRequest.builder().prompt("x").topP(0).build())
			.withMessageContaining("topP");
		assertThatIllegalArgumentException().isThrownBy(() -> CompletionRequest.builder().build())
			.withMessageContaining("prompt");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CompletionRequest.builder().prompt("x").extra("temperature", 1).build())
			.withMessageContaining("temperature");
		assertThatIllegalArgumentException().isThrownBy(() -> fixture.client().completionModel(" "));
		assertThat(wireMock().getAllServeEvents()).isEmpty();
	}

	@Test
	void completeAsyncSignalsInvalidInputInTheMono() {
		CompletionModel textModel = fixture.client().completionModel();
		assertThat(textModel.completeAsync(CompletionRequest.of("Hello")).block().text()).isNotBlank();
		wireMock().resetRequests();
		CompletionModel text = CustomLlmClient.builder()
			.baseUrl(fixture.simulator().baseUrl())
			.completionDefaults(CompletionDefaults.builder().model("m").api(CompletionApi.TEXT).build())
			.build()
			.completionModel();
		CompletionRequest withMessages = CompletionRequest.builder().system("x").prompt("y").build();
		assertThatIllegalArgumentException().isThrownBy(() -> text.completeAsync(withMessages).block())
			.withMessageContaining("text completion API");
		assertThat(wireMock().getAllServeEvents()).isEmpty();
	}

	@Test
	void simulatorAnswerIsDeterministic() {
		String first = fixture.client()
			.completionModel()
			.complete("Summarize: Spring Boot makes it easy to create apps.");
		String second = fixture.client()
			.completionModel()
			.complete("Summarize: Spring Boot makes it easy to create apps.");
		assertThat(first).isNotBlank().isEqualTo(second);
	}

	private void answer(String json) {
		wireMock().stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(okJson(json)));
	}

	private LoggedRequest lastRequest() {
		List<LoggedRequest> requests = wireMock().findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	private JsonNode lastBody() {
		return LlmJson.mapper().readTree(lastRequest().getBody());
	}

}
