package dev.customllm.internal.json;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link StructuredAnswers} and the schema check under it.
 */
class StructuredAnswersTests {

	private static final Map<String, Object> SCHEMA = Map.of("type", "object", "properties",
			Map.of("name", Map.of("type", "string"), "count", Map.of("type", "integer"), "size",
					Map.of("enum", List.of(1, 2.5, "big")), "note", Map.of("type", List.of("string", "null")), "parts",
					Map.of("type", "array", "items", Map.of("$ref", "#/$defs/Part")), "choice",
					Map.of("anyOf", List.of(Map.of("type", "boolean"), Map.of("type", "string")))),
			"required", List.of("name", "count"), "$defs", Map.of("Part", Map.of("type", "object", "properties",
					Map.of("id", Map.of("type", "string")), "required", List.of("id"))));

	@Test
	void readsJsonThatMatchesTheSchema() {
		JsonNode node = read(
				"{\"name\": \"a\", \"count\": 3.0, \"size\": 2.50, \"note\": null, \"parts\": [{\"id\": \"x\"}],"
						+ " \"choice\": \"maybe\", \"unknown\": [1]}");
		assertThat(node.path("count").doubleValue()).isEqualTo(3.0);
	}

	@Test
	void readsJsonInsideACodeFence() {
		assertThat(read("```json\n{\"name\": \"a\", \"count\": 1}\n```").path("name").stringValue()).isEqualTo("a");
		assertThat(read("  ```JSON{\"name\": \"a\", \"count\": 1}```  ").path("count").intValue()).isEqualTo(1);
		assertThat(read("```\n{\"name\": \"a\", \"count\": 1}\n```").path("count").intValue()).isEqualTo(1);
	}

	@Test
	void reportsWhereTheAnswerDiffersFromTheSchema() {
		assertProblem("{\"name\": \"a\"}", "answer does not match the schema: $: missing required property 'count'");
		assertProblem("{\"name\": \"a\", \"count\": 1.5}",
				"answer does not match the schema: $.count: expected integer, got a number");
		assertProblem("{\"name\": \"a\", \"count\": 1, \"size\": \"small\"}",
				"answer does not match the schema: $.size: \"small\" is not one of [1, 2.5, big]");
		assertProblem("{\"name\": \"a\", \"count\": 1, \"parts\": [{\"id\": \"x\"}, {}]}",
				"answer does not match the schema: $.parts[1]: missing required property 'id'");
		assertProblem("{\"name\": \"a\", \"count\": 1, \"choice\": 3}",
				"answer does not match the schema: $.choice: a number matches none of the shapes the schema allows");
		assertProblem("{\"name\": null, \"count\": 1}",
				"answer does not match the schema: $.name: expected string, got null");
		assertProblem("[]", "answer does not match the schema: $: expected object, got an array");
	}

	@Test
	void rejectsAnythingButOneJsonValue() {
		assertProblem("", "answer is empty, not JSON");
		assertProblem("```python\nprint(1)\n```", "answer is a code fence of 'python', not of JSON");
		assertProblem("```json\n{\"name\": \"a\"", "answer opens a code fence and does not close it at its end");
		assertThat(problem("{\"name\": \"a\", \"count\": 1} {}")).startsWith("answer is not valid JSON");
		assertThat(problem("Sure! {\"name\": \"a\", \"count\": 1}")).startsWith("answer is not valid JSON");
		assertThat(problem("```json\n{\"name\": \"a\", \"count\": 1}\n```\nAnything else?"))
			.isEqualTo("answer opens a code fence and does not close it at its end");
	}

	@Test
	void rejectsJsonNullForASchemaWithoutType() {
		assertThatExceptionOfType(LlmResponseException.class)
			.isThrownBy(
					() -> StructuredAnswers.read(LlmOperation.CHAT, "null", Map.of("description", "any"), Map.class))
			.satisfies((ex) -> assertThat(ex.problem()).isEqualTo("answer is JSON null"));
	}

	private static JsonNode read(String text) {
		return StructuredAnswers.read(LlmOperation.CHAT, text, SCHEMA, JsonNode.class);
	}

	private static void assertProblem(String text, String problem) {
		assertThat(problem(text)).isEqualTo(problem);
	}

	private static String problem(String text) {
		try {
			read(text);
		}
		catch (LlmResponseException ex) {
			assertThat(ex.rawAnswer()).isEqualTo(text);
			return ex.problem();
		}
		throw new AssertionError("no problem found in " + text);
	}

}
