package dev.customllm.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

/**
 * Checks tool arguments against the common keywords of a JSON Schema: {@code type},
 * {@code enum}, {@code required}, {@code properties}, {@code additionalProperties: false}
 * and {@code items}. References and other keywords are not followed; the binding of the
 * arguments to Java types catches the rest.
 *
 * @author Custom LLM team
 */
final class ArgumentsCheck {

	private ArgumentsCheck() {
	}

	/**
	 * Return what is wrong with the arguments.
	 * @param value the arguments
	 * @param schema the tool's schema
	 * @return the problems, empty when the arguments match
	 */
	static List<String> problems(JsonNode value, JsonNode schema) {
		List<String> problems = new ArrayList<>();
		check(value, schema, "$", problems);
		return problems;
	}

	private static void check(JsonNode value, JsonNode schema, String path, List<String> problems) {
		if (!schema.isObject()) {
			return;
		}
		JsonNode type = schema.path("type");
		if (!type.isMissingNode() && !hasType(value, type)) {
			problems.add(path + " must be " + (type.isArray() ? "one of " + type : type.asString()) + " but was "
					+ value.getNodeType().name().toLowerCase(Locale.ROOT));
			return;
		}
		JsonNode values = schema.path("enum");
		if (values.isArray() && !values.values().contains(value)) {
			problems.add(path + " must be one of " + values);
		}
		if (value.isObject()) {
			checkObject(value, schema, path, problems);
		}
		if (value.isArray() && schema.path("items").isObject()) {
			for (int i = 0; i < value.size(); i++) {
				check(value.get(i), schema.path("items"), path + "[" + i + "]", problems);
			}
		}
	}

	private static void checkObject(JsonNode value, JsonNode schema, String path, List<String> problems) {
		for (JsonNode name : schema.path("required").values()) {
			if (!value.has(name.asString())) {
				problems.add(path + "." + name.asString() + " is required");
			}
		}
		JsonNode properties = schema.path("properties");
		boolean closed = schema.path("additionalProperties").isBoolean()
				&& !schema.path("additionalProperties").booleanValue();
		for (String name : value.propertyNames()) {
			boolean optionalNull = value.get(name).isNull() && !contains(schema.path("required"), name);
			if (properties.has(name) && !optionalNull) {
				check(value.get(name), properties.get(name), path + "." + name, problems);
			}
			else if (closed) {
				problems.add(path + "." + name + " is not a known property");
			}
		}
	}

	private static boolean contains(JsonNode names, String name) {
		return names.values().stream().anyMatch((candidate) -> name.equals(candidate.asString("")));
	}

	private static boolean hasType(JsonNode value, JsonNode type) {
		if (type.isArray()) {
			return type.values().stream().anyMatch((candidate) -> hasType(value, candidate));
		}
		return switch (type.asString("")) {
			case "string" -> value.isString();
			case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.asDouble() % 1 == 0);
			case "number" -> value.isNumber();
			case "boolean" -> value.isBoolean();
			case "object" -> value.isObject();
			case "array" -> value.isArray();
			case "null" -> value.isNull();
			default -> true;
		};
	}

}
