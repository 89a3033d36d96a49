package dev.customllm.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the {@link LlmSimulator} behaves as OpenAI's API where clients such as the
 * official SDKs, Spring AI and LangChain4j notice: {@code n} choices, {@code temperature}
 * out of range, a required key, token-array embedding input, and JSON answers to the
 * format instructions that frameworks write into the prompt.
 */
@ExtendWith(LlmSimulatorExtension.class)
class SimulatedApiBehaviourTests {

	/**
	 * What Spring AI's {@code BeanOutputConverter.getFormat()} appends to the user
	 * message, for {@code record Review(String title, int rating, List<String> tags,
	 * Mood mood, LocalDate watched)}.
	 */
	private static final String SPRING_AI_FORMAT = """
			Your response should be in JSON format.
			Do not include any explanations, only provide a RFC8259 compliant JSON response following this format without deviation.
			Do not include markdown code blocks in your response.
			Remove the ```json markdown from the output.
			Here is the JSON Schema instance your output must adhere to:
			```{
			  "$schema" : "https://json-schema.org/draft/2020-12/schema",
			  "type" : "object",
			  "properties" : {
			    "title" : { "type" : "string" },
			    "rating" : { "type" : "integer" },
			    "tags" : { "type" : "array", "items" : { "type" : "string" } },
			    "mood" : { "type" : "string", "enum" : [ "GLOOMY", "CHEERFUL" ] },
			    "watched" : { "type" : "string", "format" : "date" }
			  },
			  "required" : [ "title", "rating", "tags", "mood", "watched" ],
			  "additionalProperties" : false
			}```
			""";

	/**
	 * What LangChain4j's AI services append to the user message for a POJO answer.
	 */
	private static final String LANGCHAIN4J_FORMAT = """

			You must answer strictly in the following JSON format: {
			"title": (type: string),
			"rating": (type: integer),
			"score": (type: double),
			"tags": (type: array of string),
			"mood": (type: enum, must be one of [GLOOMY, CHEERFUL]),
			"watched": (type: date string (2023-12-31)),
			}""";

	private static final String QUESTION = "Review the cheerful film Amelie about a shy waitress in Paris.";

	private final LlmSimulator simulator;

	private final SimulatorHttp http;

	SimulatedApiBehaviourTests(LlmSimulator simulator) {
		this.simulator = simulator;
		this.http = new SimulatorHttp(simulator);
	}

	@Test
	void springAiFormatInstructionsInTheUserMessageGetJsonValidAgainstTheSchema() {
		JsonNode review = SimulatorHttp.json.readTree(SimulatorHttp
			.content(this.http.postJson("/chat/completions", user(QUESTION + "\n" + SPRING_AI_FORMAT))));
		assertThat(review.propertyNames()).containsExactly("title", "rating", "tags", "mood", "watched");
		assertThat(review.path("title").stringValue()).startsWith("Review the cheerful film").doesNotContain("JSON");
		assertThat(review.path("rating").isIntegralNumber()).isTrue();
		assertThat(review.path("tags").values()).isNotEmpty().allMatch(JsonNode::isString);
		assertThat(review.path("mood").stringValue()).isEqualTo("CHEERFUL");
		assertThat(review.path("watched").stringValue()).matches("\\d{4}-\\d{2}-\\d{2}");
	}

	@Test
	void langChain4jFormatInstructionsGetJsonOfTheDescribedFields() {
		JsonNode review = SimulatorHttp.json.readTree(
				SimulatorHttp.content(this.http.postJson("/chat/completions", user(QUESTION + LANGCHAIN4J_FORMAT))));
		assertThat(review.propertyNames()).containsExactly("title", "rating", "score", "tags", "mood", "watched");
		assertThat(review.path("rating").isIntegralNumber()).isTrue();
		assertThat(review.path("score").isNumber()).isTrue();
		assertThat(review.path("tags").isArray()).isTrue();
		assertThat(review.path("mood").stringValue()).isEqualTo("CHEERFUL");
		assertThat(review.path("watched").stringValue()).matches("\\d{4}-\\d{2}-\\d{2}");
	}

	@Test
	void aPlainQuestionStillGetsText() {
		String answer = SimulatorHttp.content(this.http.postJson("/chat/completions", user(QUESTION)));
		assertThat(answer).doesNotStartWith("{");
	}

	@Test
	void answersNChoices() {
		JsonNode completion = this.http.postJson("/chat/completions",
				"{\"model\":\"m\",\"n\":3,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");
		assertThat(completion.path("choices").values()).extracting((choice) -> choice.path("index").intValue())
			.containsExactly(0, 1, 2);
		assertThat(completion.path("choices").values())
			.allSatisfy((choice) -> assertThat(choice.path("message").path("content").stringValue()).isNotBlank());
		List<JsonNode> events = SimulatorHttp.events(SimulatorHttp.contentOf(this.http,
				"{\"model\":\"m\",\"n\":2,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}"));
		assertThat(events).extracting((event) -> event.path("choices").path(0).path("index").intValue()).contains(0, 1);
		assertThat(status("{\"model\":\"m\",\"n\":0,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
			.isEqualTo(400);
	}

	@Test
	void temperatureOutOfRangeIsABadRequestLikeOpenAis() throws IOException {
		HttpResponse<String> response = this.http.post("/chat/completions",
				"{\"model\":\"m\",\"temperature\":2.5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode error = SimulatorHttp.json.readTree(response.body()).path("error");
		assertThat(error.path("param").stringValue()).isEqualTo("temperature");
		assertThat(error.path("code").stringValue()).isEqualTo("decimal_above_max_value");
		assertThat(error.path("message").stringValue()).contains("Expected a value <= 2");
		assertThat(
				status("{\"model\":\"m\",\"temperature\":-0.1,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
			.isEqualTo(400);
		assertThat(this.http.post("/completions", "{\"model\":\"m\",\"temperature\":3,\"prompt\":\"Hi\"}").statusCode())
			.isEqualTo(400);
		assertThat(status("{\"model\":\"m\",\"temperature\":2,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
			.isEqualTo(200);
	}

	@Test
	void embedsTokenArraysAsOpenAiAcceptsThem() {
		JsonNode one = this.http.postJson("/embeddings", "{\"model\":\"e\",\"input\":[9906,4435]}");
		assertThat(one.path("data").values()).hasSize(1);
		assertThat(one.path("usage").path("prompt_tokens").intValue()).isEqualTo(2);
		JsonNode two = this.http.postJson("/embeddings", "{\"model\":\"e\",\"input\":[[9906],[4435,1917]]}");
		assertThat(two.path("data").values()).hasSize(2);
		assertThat(two.path("data").path(0).path("embedding").values())
			.isNotEqualTo(two.path("data").path(1).path("embedding").values());
		assertThat(this.http.postJson("/embeddings", "{\"model\":\"e\",\"input\":[[]]}")
			.path("error")
			.path("message")
			.stringValue()).contains("token arrays");
	}

	@Test
	void configuredKeyIsEnforcedWith401() throws Exception {
		try (LlmSimulator secured = LlmSimulator.start().requireApiKey("sk-simulated-key")) {
			HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(secured.baseUrl() + "/chat/completions"))
				.header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString(SimulatorHttp.chat("Hello", false)));
			HttpResponse<String> missing = client.send(request.build(), BodyHandlers.ofString());
			assertThat(missing.statusCode()).isEqualTo(401);
			assertThat(missing.body()).contains("You didn't provide an API key");
			HttpResponse<String> wrong = client.send(request.header("Authorization", "Bearer sk-other").build(),
					BodyHandlers.ofString());
			assertThat(wrong.statusCode()).isEqualTo(401);
			assertThat(wrong.body()).contains("invalid_api_key")
				.doesNotContain("sk-other")
				.doesNotContain("sk-simulated");
			HttpResponse<String> right = client
				.send(request.setHeader("Authorization", "Bearer sk-simulated-key").build(), BodyHandlers.ofString());
			assertThat(right.statusCode()).isEqualTo(200);
			secured.chat().answers("scripted");
			assertThat(
					client.send(request.setHeader("Authorization", "Bearer sk-other").build(), BodyHandlers.ofString())
						.statusCode())
				.isEqualTo(401);
			secured.reset();
			assertThat(
					client.send(request.setHeader("Authorization", "Bearer sk-other").build(), BodyHandlers.ofString())
						.statusCode())
				.as("kept across reset")
				.isEqualTo(401);
		}
	}

	private int status(String body) {
		try {
			return this.http.post("/chat/completions", body).statusCode();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String user(String content) {
		return "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
				+ SimulatorHttp.json.writeValueAsString(content) + "}]}";
	}

}
