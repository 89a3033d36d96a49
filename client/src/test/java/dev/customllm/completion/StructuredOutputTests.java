package dev.customllm.completion;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmResponseException;
import dev.customllm.logging.LogCaptureExtension;
import dev.customllm.logging.LogCaptureExtension.CapturedLog;
import dev.customllm.test.LlmRequest;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for structured output: {@link CompletionModel#complete(CompletionRequest, Class)}
 * against the simulator, with the faults of real services.
 */
@ExtendWith({ LlmSimulatorExtension.class, LogCaptureExtension.class })
class StructuredOutputTests {

	private static final String TEXT = "Summarize: Sourdough bread rises with a starter of wild yeast. "
			+ "A long fermentation gives it a tangy flavour.";

	private static LlmSimulator simulator;

	private static CustomLlmClient client;

	@BeforeAll
	static void start(LlmSimulator llm) {
		simulator = llm;
		client = client();
	}

	@AfterAll
	static void stop() {
		client.close();
	}

	private static CustomLlmClient client() {
		return CustomLlmClient.builder().baseUrl(simulator.baseUrl()).apiKey("sk-test").build();
	}

	@Test
	void readsTheAnswerAsARecordOfTheSchemaItAskedFor() {
		Summary summary = client.completionModel("m").complete(CompletionRequest.of(TEXT), Summary.class);
		assertThat(summary.summary()).isEqualTo("Sourdough bread rises with a starter of wild yeast.");
		assertThat(summary.keywords()).containsExactly("fermentation", "sourdough", "starter");
		JsonNode format = lastChat().json().path("response_format");
		assertThat(format.path("type").stringValue()).isEqualTo("json_schema");
		assertThat(format.path("json_schema").path("name").stringValue()).isEqualTo("Summary");
		assertThat(format.path("json_schema").path("strict").booleanValue()).isTrue();
		assertThat(format.path("json_schema").path("schema").path("required").values())
			.extracting(JsonNode::stringValue)
			.containsExactlyInAnyOrder("summary", "keywords");
	}

	@Test
	void readsTheAnswerWithoutBlocking() {
		Summary summary = client.completionModel("m").completeAsync(CompletionRequest.of(TEXT), Summary.class).block();
		assertThat(summary).isNotNull();
		assertThat(summary.keywords()).hasSize(3);
	}

	@Test
	void generatesSchemasOfNestedRecordsListsEnumsAndOptionalComponents() {
		ResponseFormat format = ResponseFormat.of(Review.class);
		assertThat(ResponseFormat.of(Review.class)).isSameAs(format);
		assertThat(format.type()).isEqualTo("json_schema");
		assertThat(format.name()).isEqualTo("Review");
		Map<String, Object> schema = format.schema();
		JsonNode tree = JsonMapper.builder().build().valueToTree(schema);
		assertThat(tree.path("type").stringValue()).isEqualTo("object");
		assertThat(tree.path("additionalProperties").booleanValue()).isFalse();
		assertThat(tree.path("required").values()).extracting(JsonNode::stringValue)
			.containsExactlyInAnyOrder("title", "mood", "items");
		JsonNode properties = tree.path("properties");
		assertThat(properties.path("mood").path("enum").values()).extracting(JsonNode::stringValue)
			.containsExactly("SAD", "CHEERFUL");
		assertThat(properties.path("title").path("description").stringValue()).isEqualTo("what the review is about");
		assertThat(properties.path("items").path("type").stringValue()).isEqualTo("array");
		assertThat(properties.path("items").path("items").path("type").stringValue()).isEqualTo("object");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> schema.put("x", 1));
		Review review = client.completionModel("m")
			.complete(CompletionRequest.of("A cheerful review of the bakery"), Review.class);
		assertThat(review.mood()).isEqualTo(Mood.CHEERFUL);
		assertThat(review.items()).singleElement().satisfies((item) -> assertThat(item.quantity()).isPositive());
	}

	@Test
	void stripsACodeFenceAroundTheJson() {
		simulator.chat().wrapsJsonInFences();
		Summary summary = client.completionModel("m").complete(CompletionRequest.of(TEXT), Summary.class);
		assertThat(summary.keywords()).hasSize(3);
	}

	@Test
	void invalidJsonIsAnUnusableAnswerThatCarriesTheText() {
		simulator.chat().answersInvalidJson();
		assertThatExceptionOfType(LlmResponseException.class)
			.isThrownBy(() -> client.completionModel("m").complete(CompletionRequest.of(TEXT), Summary.class))
			.satisfies((ex) -> {
				assertThat(ex.problem()).startsWith("answer is not valid JSON");
				assertThat(ex.rawAnswer()).isEqualTo("{\"summary\": \"The answer stops in the middle");
				assertThat(ex.getMessage()).contains("the answer was: {\"summary\": \"The answer stops");
			});
	}

	@Test
	void answerMissingARequiredFieldIsUnusable() {
		simulator.chat().answers("{\"summary\": \"Short.\"}");
		assertThatExceptionOfType(LlmResponseException.class)
			.isThrownBy(() -> client.completionModel("m").complete(CompletionRequest.of(TEXT), Summary.class))
			.satisfies((ex) -> assertThat(ex.problem())
				.isEqualTo("answer does not match the schema: $: missing required property 'keywords'"));
	}

	@Test
	void answerWithAFieldOfTheWrongTypeIsUnusable() {
		simulator.chat().answers("{\"summary\": \"Short.\", \"keywords\": [\"bread\", 42]}");
		assertThatExceptionOfType(LlmResponseException.class)
			.isThrownBy(() -> client.completionModel("m").complete(CompletionRequest.of(TEXT), Summary.class))
			.satisfies((ex) -> assertThat(ex.problem()).endsWith("$.keywords[1]: expected string, got a number"));
	}

	@Test
	void textAroundTheJsonIsUnusable() {
		simulator.chat().answers("Here it is: {\"summary\": \"Short.\", \"keywords\": []}");
		assertThatExceptionOfType(LlmResponseException.class)
			.isThrownBy(() -> client.completionModel("m").complete(CompletionRequest.of(TEXT), Summary.class))
			.satisfies((ex) -> assertThat(ex.problem()).startsWith("answer is not valid JSON"));
		simulator.chat().answers("{\"summary\": \"Short.\", \"keywords\": []} I hope this helps!");
		assertThatExceptionOfType(LlmResponseException.class)
			.isThrownBy(() -> client.completionModel("m").complete(CompletionRequest.of(TEXT), Summary.class))
			.satisfies((ex) -> assertThat(ex.problem()).startsWith("answer is not valid JSON"));
	}

	@Test
	void repairsAnUnusableAnswerOnceWhenAsked() {
		simulator.chat().once().answersInvalidJson();
		CompletionRequest request = CompletionRequest.builder().prompt(TEXT).repairAttempts(1).build();
		Summary summary = client.completionModel("m").complete(request, Summary.class);
		assertThat(summary.keywords()).hasSize(3);
		assertThat(simulator.chatRequests()).hasSize(2);
		JsonNode messages = lastChat().json().path("messages");
		assertThat(messages.values()).extracting((message) -> message.path("role").stringValue())
			.containsExactly("user", "assistant", "user");
		assertThat(messages.path(1).path("content").stringValue()).startsWith("{\"summary\": \"The answer stops");
		assertThat(messages.path(2).path("content").stringValue())
			.startsWith("That answer cannot be used: answer is" + " not valid JSON");
		assertThat(lastChat().json().path("response_format").path("type").stringValue()).isEqualTo("json_schema");
	}

	@Test
	void givesUpAfterTheRepairAttempts() {
		simulator.chat().answersInvalidJson();
		CompletionRequest request = CompletionRequest.builder().prompt(TEXT).repairAttempts(2).build();
		assertThatExceptionOfType(LlmResponseException.class)
			.isThrownBy(() -> client.completionModel("m").complete(request, Summary.class));
		assertThat(simulator.chatRequests()).hasSize(3);
	}

	@Test
	void doesNotRepairByDefault() {
		simulator.chat().answersInvalidJson();
		assertThatExceptionOfType(LlmResponseException.class)
			.isThrownBy(() -> client.completionModel("m").complete(CompletionRequest.of(TEXT), Summary.class));
		assertThat(simulator.chatRequests()).hasSize(1);
	}

	@Test
	void fallsBackToJsonObjectWhenTheServiceRefusesJsonSchemaAndRemembersItPerModel(CapturedLog log) {
		simulator.chat().refusesJsonSchema();
		try (CustomLlmClient refused = client()) {
			CompletionRequest request = CompletionRequest.builder().system("Be brief.").prompt(TEXT).build();
			Summary first = refused.completionModel("m1").complete(request, Summary.class);
			assertThat(first.keywords()).hasSize(3);
			List<LlmRequest> requests = simulator.chatRequests();
			assertThat(requests).hasSize(2);
			assertThat(requests.get(0).json().path("response_format").path("type").stringValue())
				.isEqualTo("json_schema");
			JsonNode fallback = requests.get(1).json();
			assertThat(fallback.path("response_format").path("type").stringValue()).isEqualTo("json_object");
			assertThat(fallback.path("messages").path(0).path("content").stringValue())
				.startsWith("Be brief.\n\nAnswer with only a JSON value that matches this JSON Schema")
				.contains("\"keywords\"");
			refused.completionModel("m1").complete(request, Summary.class);
			assertThat(simulator.chatRequests()).hasSize(3);
			assertThat(lastChat().json().path("response_format").path("type").stringValue()).isEqualTo("json_object");
			refused.completionModel("m2").complete(CompletionRequest.of(TEXT), Summary.class);
			assertThat(simulator.chatRequests()).hasSize(5);
			assertThat(lastChat().json().path("messages").path(0).path("role").stringValue()).isEqualTo("system");
		}
		assertThat(log.getAll().lines().filter((line) -> line.contains("refused response_format json_schema")))
			.hasSize(2)
			.anySatisfy((line) -> assertThat(line).startsWith("INFO").contains("model m1 (HTTP 400)"));
		try (CustomLlmClient other = client()) {
			other.completionModel("m1").complete(CompletionRequest.of(TEXT), Summary.class);
			assertThat(simulator.chatRequests()).hasSize(7);
		}
	}

	@Test
	void streamsAnAnswerThatAsksForAFormat() {
		CompletionRequest request = CompletionRequest.builder()
			.prompt(TEXT)
			.responseFormat(ResponseFormat.of(Summary.class))
			.build();
		String streamed = String.join("",
				client.completionModel("m").stream(request).map(CompletionChunk::text).collectList().block());
		assertThat(streamed).startsWith("{\"keywords\":[").contains("\"summary\":\"Sourdough bread rises");
		assertThat(lastChat().json().path("response_format").path("type").stringValue()).isEqualTo("json_schema");
	}

	@Test
	void streamFallsBackToJsonObjectWhenRefused() {
		simulator.chat().refusesJsonSchema();
		CompletionRequest request = CompletionRequest.builder()
			.prompt(TEXT)
			.responseFormat(ResponseFormat.of(Summary.class))
			.build();
		try (CustomLlmClient refused = client()) {
			String streamed = String.join("",
					refused.completionModel("m").stream(request).map(CompletionChunk::text).collectList().block());
			assertThat(streamed).contains("\"keywords\"");
		}
		assertThat(simulator.chatRequests()).hasSize(2);
		assertThat(lastChat().json().path("response_format").path("type").stringValue()).isEqualTo("json_object");
	}

	@Test
	void jsonModeAsksForAnyJsonObject() {
		CompletionRequest request = CompletionRequest.builder()
			.prompt("Hello")
			.responseFormat(ResponseFormat.json())
			.build();
		Answer answer = client.completionModel("m").complete(request, Answer.class);
		assertThat(answer.answer()).isEqualTo("Simulated answer: Hello");
		assertThat(lastChat().json().path("response_format").toString()).isEqualTo("{\"type\":\"json_object\"}");
	}

	@Test
	void sendsASchemaGivenAsAMap() {
		Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("answer", Map.of("type", "string")),
				"required", List.of("answer"));
		CompletionRequest request = CompletionRequest.builder()
			.prompt("Hello")
			.responseFormat(ResponseFormat.jsonSchema("answer_v1", schema))
			.build();
		assertThat(client.completionModel("m").complete(request, Answer.class).answer()).startsWith("Hello");
		JsonNode sent = lastChat().json().path("response_format").path("json_schema");
		assertThat(sent.path("name").stringValue()).isEqualTo("answer_v1");
		assertThat(sent.path("schema").path("required").path(0).stringValue()).isEqualTo("answer");
	}

	@Test
	void rejectsBadInputBeforeAnyCall() {
		assertThatIllegalArgumentException().isThrownBy(() -> ResponseFormat.jsonSchema("a name", Map.of("type", "x")))
			.withMessageContaining("responseFormat name");
		assertThatIllegalArgumentException().isThrownBy(() -> ResponseFormat.jsonSchema("n", Map.of()))
			.withMessage("responseFormat schema must not be empty");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ResponseFormat.jsonSchema("n", Map.of("type", new Object())))
			.withMessageStartingWith("responseFormat schema.type is a java.lang.Object");
		assertThatIllegalArgumentException().isThrownBy(() -> ResponseFormat.of(String.class))
			.withMessageContaining("must be an object type");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CompletionRequest.builder().prompt("p").repairAttempts(4).build())
			.withMessageContaining("repairAttempts");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CompletionRequest.builder().prompt("p").extra("response_format", Map.of()).build())
			.withMessageContaining("'response_format' has a typed setter");
		CompletionModel text = CustomLlmClient.builder()
			.baseUrl(simulator.baseUrl())
			.completionDefaults(CompletionDefaults.builder().model("m").api(CompletionApi.TEXT).build())
			.build()
			.completionModel();
		assertThatIllegalArgumentException().isThrownBy(() -> text.complete(CompletionRequest.of("p"), Summary.class))
			.withMessageContaining("responseFormat is not supported by the text completion API");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> client.completionModel("m").complete(null, Summary.class));
		assertThat(simulator.requests()).isEmpty();
	}

	@Test
	void unusableAnswerKeepsABoundedPartOfTheText() {
		String text = "x".repeat(10_000);
		LlmResponseException ex = new LlmResponseException(dev.customllm.LlmOperation.CHAT, "answer is not JSON", text,
				null);
		assertThat(ex.rawAnswer()).startsWith("x".repeat(LlmResponseException.MAX_RAW_ANSWER))
			.endsWith("… (10000 characters in all)")
			.hasSizeLessThan(LlmResponseException.MAX_RAW_ANSWER + 40);
		assertThat(ex.getMessage()).hasSizeLessThan(300);
	}

	private static LlmRequest lastChat() {
		List<LlmRequest> requests = simulator.chatRequests();
		return requests.get(requests.size() - 1);
	}

	record Summary(String summary, List<String> keywords) {
	}

	record Answer(String answer) {
	}

	enum Mood {

		SAD, CHEERFUL

	}

	record Item(String name, int quantity) {
	}

	record Review(@JsonPropertyDescription("what the review is about") String title, Mood mood, @Nullable String note,
			Optional<String> author, List<Item> items) {
	}

}
