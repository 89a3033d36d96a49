package dev.customllm.internal.json;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SchemaCheck}, the one schema check of structured answers and tool
 * arguments.
 *
 * @author Custom LLM team
 */
class SchemaCheckTests {

	private static final Map<String, Object> SCHEMA = Map.of("type", "object", "properties",
			Map.of("city", Map.of("type", "string"), "days", Map.of("type", "integer"), "unit",
					Map.of("enum", List.of("C", "F")), "stops",
					Map.of("type", "array", "items", Map.of("$ref", "#/$defs/Stop")), "when",
					Map.of("anyOf", List.of(Map.of("type", "string"), Map.of("type", "integer")))),
			"required", List.of("city", "days"), "additionalProperties", false, "$defs",
			Map.of("Stop", Map.of("type", "object", "properties", Map.of("name", Map.of("type", "string")), "required",
					List.of("name"), "additionalProperties", false)));

	@Test
	void toolArgumentsAndAnswersFollowTheSameKeywordsWithTheSameMessages() {
		String[][] cases = { { "{\"days\":1}", "$: missing required property 'city'" },
				{ "{\"city\":\"Oslo\",\"days\":1.5}", "$.days: expected integer, got a number" },
				{ "{\"city\":\"Oslo\",\"days\":2,\"unit\":\"K\"}", "$.unit: \"K\" is not one of [C, F]" },
				{ "{\"city\":\"Oslo\",\"days\":2,\"stops\":[{\"name\":\"a\"},{}]}",
						"$.stops[1]: missing required property 'name'" },
				{ "{\"city\":\"Oslo\",\"days\":2,\"when\":true}",
						"$.when: a boolean matches none of the shapes the schema allows" },
				{ "[]", "$: expected object, got an array" } };
		for (String[] problem : cases) {
			JsonNode value = json(problem[0]);
			assertThat(SchemaCheck.problem(SCHEMA, value)).as(problem[0]).isEqualTo(problem[1]);
			assertThat(SchemaCheck.problems(SCHEMA, value)).as(problem[0]).containsExactly(problem[1]);
		}
	}

	@Test
	void valuesThatMatchHaveNoProblem() {
		JsonNode value = json(
				"{\"city\":\"Oslo\",\"days\":3.0,\"unit\":\"C\",\"stops\":[{\"name\":\"a\"}],\"when\":1}");
		assertThat(SchemaCheck.problem(SCHEMA, value)).isNull();
		assertThat(SchemaCheck.problems(SCHEMA, value)).isEmpty();
	}

	@Test
	void toolArgumentsGetEveryProblemAndAnswersTheFirst() {
		JsonNode value = json("{\"days\":\"two\",\"unit\":\"K\"}");
		assertThat(SchemaCheck.problems(SCHEMA, value)).containsExactly("$: missing required property 'city'",
				"$.days: expected integer, got a string", "$.unit: \"K\" is not one of [C, F]");
		assertThat(SchemaCheck.problem(SCHEMA, value)).isEqualTo("$: missing required property 'city'");
	}

	@Test
	void propertiesTheSchemaDoesNotAllowAreRefusedInToolArgumentsAndIgnoredInAnswers() {
		JsonNode value = json("{\"city\":\"Oslo\",\"days\":2,\"town\":3,\"stops\":[{\"name\":\"a\",\"x\":1}]}");
		assertThat(SchemaCheck.problems(SCHEMA, value)).containsExactly(
				"$: property 'town' is not allowed by the schema",
				"$.stops[0]: property 'x' is not allowed by the schema");
		// the mapper ignores the members a type does not declare, as the wire records do
		assertThat(SchemaCheck.problem(SCHEMA, value)).isNull();
	}

	@Test
	void toolArgumentsBeyondTheNamedPropertiesMatchAnAdditionalPropertiesSchema() {
		Map<String, Object> schema = map("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"}}");
		assertThat(SchemaCheck.problems(schema, json("{\"a\":1,\"b\":\"x\"}")))
			.containsExactly("$.b: expected integer, got a string");
	}

	@Test
	void nullForAnOptionalPropertyIsAsGoodAsAbsentAndNullForARequiredOneIsRefused() {
		JsonNode optional = json("{\"city\":\"Oslo\",\"days\":2,\"unit\":null,\"stops\":null}");
		assertThat(SchemaCheck.problems(SCHEMA, optional)).isEmpty();
		assertThat(SchemaCheck.problem(SCHEMA, optional)).isNull();
		JsonNode required = json("{\"city\":null,\"days\":2}");
		assertThat(SchemaCheck.problems(SCHEMA, required)).containsExactly("$.city: expected string, got null");
		assertThat(SchemaCheck.problem(SCHEMA, required)).isEqualTo("$.city: expected string, got null");
	}

	@Test
	void typeListsAndNumericEnumsCompareByValue() {
		Map<String, Object> schema = map("{\"type\":[\"integer\",\"null\"],\"enum\":[1,2,null]}");
		assertThat(SchemaCheck.problems(schema, json("2.0"))).isEmpty();
		assertThat(SchemaCheck.problems(schema, json("null"))).isEmpty();
		assertThat(SchemaCheck.problems(schema, json("3"))).containsExactly("$: 3 is not one of [1, 2, null]");
		assertThat(SchemaCheck.problems(schema, json("\"1\"")))
			.containsExactly("$: expected integer or null, got a string");
	}

	@Test
	void aReferenceToItselfStopsAtTheDepthLimit() {
		Map<String, Object> schema = map("{\"$ref\":\"#\"}");
		assertThat(SchemaCheck.problems(schema, json("{}"))).isEmpty();
	}

	private static JsonNode json(String text) {
		return LlmJson.mapper().readTree(text);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(String schema) {
		return LlmJson.mapper().readValue(schema, Map.class);
	}

}
