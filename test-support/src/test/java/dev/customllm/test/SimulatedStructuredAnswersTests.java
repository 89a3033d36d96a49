package dev.customllm.test;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for how the {@link LlmSimulator} honours {@code response_format}, and for the
 * stubs that make structured answers fail.
 */
@ExtendWith(LlmSimulatorExtension.class)
class SimulatedStructuredAnswersTests {

	private static final String SCHEMA = """
			{"type":"object","properties":{"summary":{"type":"string"},"keywords":{"type":"array","items":\
			{"type":"string"}},"mood":{"type":"string","enum":["sad","cheerful","neutral"]},\
			"words":{"type":"integer"},"certain":{"type":"boolean"},"source":{"$ref":"#/$defs/Source"}},\
			"required":["summary","keywords"],"additionalProperties":false,\
			"$defs":{"Source":{"type":"object","properties":{"title":{"type":"string"}}}}}""";

	private static final String TEXT = "Summarize: Sourdough bread rises with a cheerful starter of wild yeast. "
			+ "A long fermentation gives it flavour.";

	private final LlmSimulator simulator;

	private final SimulatorHttp http;

	SimulatedStructuredAnswersTests(LlmSimulator simulator) {
		this.simulator = simulator;
		this.http = new SimulatorHttp(simulator);
	}

	@Test
	void answersJsonInTheShapeOfTheSchema() {
		JsonNode answer = SimulatorHttp.json
			.readTree(SimulatorHttp.content(this.http.postJson("/chat/completions", structured(
					"{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"Summary\",\"schema\":" + SCHEMA + "}}"))));
		assertThat(answer.path("summary").stringValue())
			.isEqualTo("Sourdough bread rises with a cheerful starter of wild yeast.");
		assertThat(answer.path("keywords").values()).extracting(JsonNode::stringValue)
			.containsExactly("fermentation", "sourdough", "cheerful");
		assertThat(answer.path("mood").stringValue()).isEqualTo("cheerful");
		assertThat(answer.path("words").intValue()).isEqualTo(17);
		assertThat(answer.path("certain").booleanValue()).isTrue();
		assertThat(answer.path("source").path("title").stringValue()).startsWith("Sourdough bread rises");
	}

	@Test
	void answersTheSameForTheSameRequest() {
		String request = structured(
				"{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"S\",\"schema\":" + SCHEMA + "}}");
		assertThat(SimulatorHttp.content(this.http.postJson("/chat/completions", request)))
			.isEqualTo(SimulatorHttp.content(this.http.postJson("/chat/completions", request)));
	}

	@Test
	void answersJsonModeWithTheSchemaQuotedInTheInstructions() {
		String body = "{\"model\":\"m\",\"response_format\":{\"type\":\"json_object\"},\"messages\":["
				+ "{\"role\":\"system\",\"content\":"
				+ SimulatorHttp.json
					.writeValueAsString("Answer with only a JSON value that matches this JSON Schema:\n" + SCHEMA)
				+ "},{\"role\":\"user\",\"content\":\"" + TEXT + "\"}]}";
		JsonNode answer = SimulatorHttp.json
			.readTree(SimulatorHttp.content(this.http.postJson("/chat/completions", body)));
		assertThat(answer.path("keywords").isArray()).isTrue();
		assertThat(answer.path("summary").stringValue()).startsWith("Sourdough");
	}

	@Test
	void answersJsonModeWithoutSchemaAsAnObject() {
		String content = SimulatorHttp
			.content(this.http.postJson("/chat/completions", structured("{\"type\":\"json_object\"}")));
		assertThat(SimulatorHttp.json.readTree(content).path("answer").stringValue()).startsWith("Sourdough bread");
	}

	@Test
	void streamsStructuredAnswers() throws Exception {
		String body = structured(
				"{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"S\",\"schema\":" + SCHEMA + "}}")
			.replace("{\"model\":\"m\",", "{\"model\":\"m\",\"stream\":true,");
		String streamed = SimulatorHttp.deltas(SimulatorHttp.events(this.http.post("/chat/completions", body).body()));
		assertThat(SimulatorHttp.json.readTree(streamed).path("keywords").size()).isEqualTo(3);
	}

	@Test
	void rejectsAMalformedResponseFormat() throws Exception {
		HttpResponse<String> unknown = this.http.post("/chat/completions", structured("{\"type\":\"xml\"}"));
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("response_format.type");
		HttpResponse<String> noSchema = this.http.post("/chat/completions",
				structured("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"S\"}}"));
		assertThat(noSchema.statusCode()).isEqualTo(400);
	}

	@Test
	void wrapsJsonInFencesWhenStubbedTo() {
		this.simulator.chat().wrapsJsonInFences();
		String content = SimulatorHttp.content(this.http.postJson("/chat/completions",
				structured("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"S\",\"schema\":" + SCHEMA + "}}")));
		assertThat(content).startsWith("```json\n{\"summary\":").endsWith("}\n```");
	}

	@Test
	void refusesJsonSchemaOnlyWhenStubbedTo() throws Exception {
		this.simulator.chat().refusesJsonSchema();
		HttpResponse<String> refused = this.http.post("/chat/completions",
				structured("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"S\",\"schema\":" + SCHEMA + "}}"));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(SimulatorHttp.json.readTree(refused.body()).path("error").path("message").stringValue())
			.isEqualTo("Either \"json_schema\" or \"grammar\" can be specified, but not both");
		assertThat(this.http.post("/chat/completions", structured("{\"type\":\"json_object\"}")).statusCode())
			.isEqualTo(200);
		assertThat(this.http.post("/chat/completions", SimulatorHttp.chat("Hello", false)).statusCode()).isEqualTo(200);
	}

	@Test
	void answersInvalidJsonWhenStubbedTo() {
		this.simulator.chat().answersInvalidJson();
		String content = SimulatorHttp
			.content(this.http.postJson("/chat/completions", structured("{\"type\":\"json_object\"}")));
		assertThat(content).startsWith("{\"summary\": ");
		assertThat(content).doesNotEndWith("}");
	}

	@Test
	void cutsStructuredAnswersAtTheTokenLimit() {
		JsonNode completion = this.http.postJson("/chat/completions",
				structured("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"S\",\"schema\":" + SCHEMA + "}}")
					.replace("{\"model\":\"m\",", "{\"model\":\"m\",\"max_tokens\":3,"));
		assertThat(completion.path("choices").path(0).path("finish_reason").stringValue()).isEqualTo("length");
		assertThat(SimulatorHttp.content(completion)).doesNotEndWith("}");
	}

	private static String structured(String responseFormat) {
		return "{\"model\":\"m\",\"response_format\":" + responseFormat + ",\"messages\":[{\"role\":\"user\","
				+ "\"content\":\"" + TEXT + "\"}]}";
	}

}
