package dev.customllm.springai;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import dev.customllm.BlockingCallException;
import dev.customllm.CustomLlmClient;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.util.MimeTypeUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link CustomLlmChatModel}.
 */
@ExtendWith(LlmSimulatorExtension.class)
class CustomLlmChatModelTests {

	private static final String PERSON_SCHEMA = """
			{"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"],
			"additionalProperties": false}""";

	private static LlmSimulator llm;

	private static CustomLlmClient client;

	private final CustomLlmChatModel model = new CustomLlmChatModel(client.completionModel("simulator"));

	@BeforeAll
	static void start(LlmSimulator simulator) {
		llm = simulator;
		client = CustomLlmClient.builder().baseUrl(simulator.baseUrl()).build();
	}

	@AfterAll
	static void stop() {
		client.close();
	}

	@Test
	void callOnANonBlockingThreadFailsAtOnceNamingStream() {
		BlockingCallException failure = catchThrowableOfType(BlockingCallException.class,
				() -> reactor.core.publisher.Mono.fromCallable(() -> this.model.call(new Prompt("Hello")))
					.subscribeOn(reactor.core.scheduler.Schedulers.parallel())
					.block(java.time.Duration.ofSeconds(10)));
		assertThat(failure.asyncAlternative()).contains("ChatModel.stream(Prompt)");
		assertThat(llm.chatRequests()).isEmpty();
	}

	@Test
	void sendsEveryKindOfMessageInOrder() {
		AssistantMessage toolCall = AssistantMessage.builder()
			.content("")
			.toolCalls(List.of(new AssistantMessage.ToolCall("call_1", "function", "lookup", "{\"id\":7}")))
			.build();
		ToolResponseMessage toolResult = ToolResponseMessage.builder()
			.responses(List.of(new ToolResponseMessage.ToolResponse("call_1", "lookup", "{\"title\":\"Dune\"}")))
			.build();
		this.model.call(new Prompt(List.of(new SystemMessage("Be brief."), new UserMessage("Book 7?"), toolCall,
				toolResult, new AssistantMessage("Dune."), new UserMessage("Author?"))));
		JsonNode messages = lastRequest().path("messages");
		assertThat(messages.values()).extracting((message) -> message.path("role").asString())
			.containsExactly("system", "user", "assistant", "tool", "assistant", "user");
		assertThat(messages.path(2).path("tool_calls").path(0).path("function").path("arguments").asString())
			.isEqualTo("{\"id\":7}");
		assertThat(messages.path(3).path("tool_call_id").asString()).isEqualTo("call_1");
		assertThat(messages.path(3).path("content").asString()).isEqualTo("{\"title\":\"Dune\"}");
		assertThat(messages.path(5).path("content").asString()).isEqualTo("Author?");
	}

	@Test
	void promptOptionsOverrideTheDefaultsForTheCall() {
		ChatOptions options = ChatOptions.builder()
			.model("other-model")
			.temperature(0.2)
			.maxTokens(50)
			.topP(0.9)
			.stopSequences(List.of("END"))
			.topK(5)
			.frequencyPenalty(0.1)
			.presencePenalty(0.3)
			.build();
		this.model.call(new Prompt("Hello", options));
		JsonNode request = lastRequest();
		assertThat(request.path("model").asString()).isEqualTo("other-model");
		assertThat(request.path("temperature").asDouble()).isEqualTo(0.2);
		assertThat(request.path("max_tokens").asInt()).isEqualTo(50);
		assertThat(request.path("top_p").asDouble()).isEqualTo(0.9);
		assertThat(request.path("stop").path(0).asString()).isEqualTo("END");
		assertThat(request.path("top_k").asInt()).isEqualTo(5);
		assertThat(request.path("frequency_penalty").asDouble()).isEqualTo(0.1);
		assertThat(request.path("presence_penalty").asDouble()).isEqualTo(0.3);
	}

	@Test
	void promptWithoutOptionsGetsTheModelsDefaultOptions() {
		CustomLlmChatModel cold = new CustomLlmChatModel(client.completionModel("simulator"),
				ToolCallingChatOptions.builder().temperature(0.0).build(), ToolCallingManager.builder().build());
		cold.call(new Prompt("Hello"));
		assertThat(lastRequest().path("temperature").asDouble()).isEqualTo(0.0);
		assertThat(lastRequest().path("model").asString()).isEqualTo("simulator");
	}

	@Test
	void unsetOptionsAreLeftToTheCompletionModel() {
		this.model.call(new Prompt("Hello", ChatOptions.builder().build()));
		JsonNode request = lastRequest();
		assertThat(request.path("model").asString()).isEqualTo("simulator");
		assertThat(request.has("temperature")).isFalse();
		assertThat(request.has("top_k")).isFalse();
	}

	@Test
	void toolCallsAreReturnedNotExecuted() {
		llm.chat().callsTool("lookup", "{\"id\":7}");
		ChatResponse response = this.model.call(new Prompt("Book 7?"));
		assertThat(response.hasToolCalls()).isTrue();
		assertThat(response.getResult().getOutput().getToolCalls()).singleElement().satisfies((call) -> {
			assertThat(call.name()).isEqualTo("lookup");
			assertThat(call.arguments()).isEqualTo("{\"id\":7}");
			assertThat(call.type()).isEqualTo("function");
			assertThat(call.id()).isNotBlank();
		});
		assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("TOOL_CALLS");
		assertThat(llm.chatRequests()).hasSize(1);
	}

	@Test
	void defaultOptionsAreToolCallingOptionsSoThatChatClientCanAddTools() {
		assertThat(this.model.getOptions()).isInstanceOf(ToolCallingChatOptions.class);
		assertThat(this.model.getOptions().getModel()).isNull();
	}

	@Test
	void imagesInUserMessagesAreSentAsContentParts() {
		llm.chat().answers("A cat.");
		UserMessage withImages = UserMessage.builder()
			.text("What is in these pictures?")
			.media(new Media(MimeTypeUtils.IMAGE_PNG, URI.create("https://example.com/cat.png")),
					Media.builder().mimeType(MimeTypeUtils.IMAGE_JPEG).data(new byte[] { 1, 2, 3 }).build())
			.build();
		assertThat(this.model.call(new Prompt(withImages)).getResult().getOutput().getText()).isEqualTo("A cat.");
		assertThat(llm.chatRequests()).singleElement().satisfies((request) -> {
			assertThat(request.imageUrls()).containsExactly("https://example.com/cat.png",
					"data:image/jpeg;base64,AQID");
			assertThat(request.json().at("/messages/0/content/0/text").asString())
				.isEqualTo("What is in these pictures?");
		});
	}

	@Test
	void mediaThatAreNotImagesAreRejectedBeforeAnyRequest() {
		UserMessage withAudio = UserMessage.builder()
			.text("Transcribe this")
			.media(Media.builder().mimeType(MimeTypeUtils.parseMimeType("audio/wav")).data(new byte[] { 1 }).build())
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.model.call(new Prompt(withAudio)))
			.withMessageContaining("audio/wav");
		var stream = this.model.stream(new Prompt(withAudio));
		assertThatIllegalArgumentException().isThrownBy(() -> stream.blockLast(Duration.ofSeconds(5)))
			.withMessageContaining("audio/wav");
		assertThat(llm.requests()).isEmpty();
	}

	@Test
	void streamedToolCallsComeOnTheLastResponse() {
		llm.chat().callsTool("lookup", "{\"id\":7}");
		List<ChatResponse> responses = this.model.stream(new Prompt("Book 7?"))
			.collectList()
			.block(Duration.ofSeconds(5));
		ChatResponse last = responses.get(responses.size() - 1);
		assertThat(last.hasToolCalls()).isTrue();
		assertThat(last.getResult().getMetadata().getFinishReason()).isEqualTo("TOOL_CALLS");
		assertThat(llm.chatRequests().get(0).streamed()).isTrue();
	}

	@Test
	void defaultOptionsAreCustomLlmChatOptionsSoThatChatClientCanAskForNativeStructuredOutput() {
		assertThat(this.model.getOptions()).isInstanceOf(CustomLlmChatOptions.class)
			.isInstanceOf(StructuredOutputChatOptions.class);
	}

	@Test
	void defaultOptionsOfAnotherTypeAreCopied() {
		CustomLlmChatModel cold = new CustomLlmChatModel(client.completionModel("simulator"),
				ToolCallingChatOptions.builder().temperature(0.1).build(), ToolCallingManager.builder().build());
		assertThat(cold.getOptions()).isInstanceOf(CustomLlmChatOptions.class);
		assertThat(cold.getOptions().getTemperature()).isEqualTo(0.1);
	}

	@Test
	void outputSchemaIsSentAsJsonSchemaResponseFormat() {
		llm.chat().answers("{\"name\": \"Ada\"}");
		this.model.call(new Prompt("Who wrote the first program?",
				CustomLlmChatOptions.builder().outputSchema(PERSON_SCHEMA).temperature(0.2).build()));
		JsonNode request = lastRequest();
		assertThat(request.path("response_format").path("type").asString()).isEqualTo("json_schema");
		assertThat(request.path("response_format").path("json_schema").path("name").asString()).isEqualTo("answer");
		assertThat(
				request.path("response_format").path("json_schema").path("schema").path("required").path(0).asString())
			.isEqualTo("name");
		assertThat(request.path("temperature").asDouble()).isEqualTo(0.2);
	}

	@Test
	void outputSchemaOfSpringAisGenericStructuredOutputOptionsIsSentToo() {
		llm.chat().answers("{\"name\": \"Ada\"}");
		this.model.call(new Prompt("Who wrote the first program?",
				StructuredOutputChatOptions.builder().outputSchema(PERSON_SCHEMA).build()));
		assertThat(lastRequest().path("response_format").path("type").asString()).isEqualTo("json_schema");
	}

	@Test
	void promptWithoutOutputSchemaHasNoResponseFormat() {
		this.model.call(new Prompt("Hello", ToolCallingChatOptions.builder().temperature(0.2).build()));
		assertThat(lastRequest().has("response_format")).isFalse();
	}

	@Test
	void outputSchemaThatIsNotAJsonObjectIsRejectedBeforeAnyRequest() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.model
				.call(new Prompt("Hello", CustomLlmChatOptions.builder().outputSchema("[1, 2").build())))
			.withMessageStartingWith("The output schema is not a JSON object");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.model
				.call(new Prompt("Hello", CustomLlmChatOptions.builder().outputSchema("[1, 2]").build())))
			.withMessageStartingWith("The output schema is not a JSON object");
		assertThat(llm.chatRequests()).isEmpty();
	}

	@Test
	void reasoningGoesToTheAssistantMessageMetadataAndNeverBackToTheServer() {
		CustomLlmChatModel reasoner = new CustomLlmChatModel(client.completionModel("deepseek-reasoner"));
		ChatResponse response = reasoner.call(new Prompt("Is 7 prime?"));
		AssistantMessage answer = response.getResult().getOutput();
		assertThat(answer.getText()).isEqualTo("Simulated answer: Is 7 prime?");
		assertThat(answer.getMetadata().get("reasoningContent")).asString().startsWith("The user asks: Is 7 prime?");
		StringBuilder streamed = new StringBuilder();
		reasoner.stream(new Prompt("Is 7 prime?")).doOnNext((chunk) -> {
			Object piece = chunk.getResult().getOutput().getMetadata().get("reasoningContent");
			streamed.append((piece != null) ? piece : "");
		}).blockLast(Duration.ofSeconds(10));
		assertThat(streamed.toString()).isEqualTo(answer.getMetadata().get("reasoningContent"));
		reasoner.call(new Prompt(List.of(new UserMessage("Is 7 prime?"), answer, new UserMessage("And 9?"))));
		assertThat(lastRequest().toString()).doesNotContain("The user asks").doesNotContain("reasoning");
		assertThat(this.model.call(new Prompt("Hi")).getResult().getOutput().getMetadata())
			.doesNotContainKey("reasoningContent");
	}

	private static JsonNode lastRequest() {
		List<dev.customllm.test.LlmRequest> requests = llm.chatRequests();
		assertThat(requests).isNotEmpty();
		return requests.get(requests.size() - 1).json();
	}

}
