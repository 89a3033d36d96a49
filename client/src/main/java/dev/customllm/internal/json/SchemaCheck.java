package dev.customllm.internal.json;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Checks a JSON value against the parts of a JSON Schema that decide whether an answer
 * can be used: {@code type}, {@code required}, {@code properties}, {@code items},
 * {@code enum}, {@code anyOf}/{@code oneOf} and local {@code $ref}s. Properties the
 * schema does not name are ignored, as the wire records ignore unknown fields.
 *
 * @author Custom LLM team
 */
final class SchemaCheck {

	private static final int MAX_DEPTH = 64;

	private final Map<?, ?> root;

	private SchemaCheck(Map<?, ?> root) {
		this.root = root;
	}

	/**
	 * Return the first way a value does not match a schema.
	 * @param schema the schema
	 * @param value the value
	 * @return the problem, with the JSON path where it is, or {@code null} if the value
	 * matches
	 */
	static @Nullable String problem(Map<String, Object> schema, JsonNode value) {
		String problem = new SchemaCheck(schema).check(schema, value, 0);
		return (problem != null) ? "$" + problem : null;
	}

	/**
	 * Return the first problem, as the path below the value followed by what is wrong, so
	 * that paths are only built for an answer that does not match.
	 */
	private @Nullable String check(Map<?, ?> schema, JsonNode value, int depth) {
		if (depth > MAX_DEPTH) {
			return null;
		}
		Map<?, ?> referenced = (schema.get("$ref") instanceof String ref) ? resolve(ref) : null;
		String problem = (referenced != null) ? check(referenced, value, depth + 1) : null;
		problem = (problem != null) ? problem : alternatives(schema, value, depth);
		problem = (problem != null) ? problem : typeAndEnum(schema, value);
		if (problem == null && value.isObject()) {
			problem = object(schema, value, depth);
		}
		if (problem == null && value.isArray() && schema.get("items") instanceof Map<?, ?> items) {
			for (int i = 0; i < value.size(); i++) {
				String item = check(items, value.get(i), depth + 1);
				if (item != null) {
					return "[" + i + "]" + item;
				}
			}
		}
		return problem;
	}

	private @Nullable String alternatives(Map<?, ?> schema, JsonNode value, int depth) {
		Object alternatives = (schema.get("anyOf") != null) ? schema.get("anyOf") : schema.get("oneOf");
		if (!(alternatives instanceof List<?> list) || list.isEmpty()) {
			return null;
		}
		for (Object alternative : list) {
			if (alternative instanceof Map<?, ?> map && check(map, value, depth + 1) == null) {
				return null;
			}
		}
		return ": " + kind(value) + " matches none of the shapes the schema allows";
	}

	private static @Nullable String typeAndEnum(Map<?, ?> schema, JsonNode value) {
		Object type = schema.get("type");
		if (type != null && !matchesType(type, value)) {
			return ": expected " + type.toString().replace(", ", " or ").replaceAll("[\\[\\]]", "") + ", got "
					+ kind(value);
		}
		if (schema.get("enum") instanceof List<?> allowed && allowed.stream().noneMatch((item) -> same(item, value))) {
			return ": " + brief(value) + " is not one of " + allowed;
		}
		return null;
	}

	private @Nullable String object(Map<?, ?> schema, JsonNode value, int depth) {
		if (schema.get("required") instanceof List<?> required) {
			for (Object name : required) {
				if (name instanceof String property && !value.has(property)) {
					return ": missing required property '" + property + "'";
				}
			}
		}
		if (schema.get("properties") instanceof Map<?, ?> properties) {
			for (Map.Entry<?, ?> property : properties.entrySet()) {
				JsonNode child = (property.getKey() instanceof String name) ? value.get(name) : null;
				if (child != null && property.getValue() instanceof Map<?, ?> childSchema) {
					String problem = check(childSchema, child, depth + 1);
					if (problem != null) {
						return "." + property.getKey() + problem;
					}
				}
			}
		}
		return null;
	}

	private @Nullable Map<?, ?> resolve(String ref) {
		if (!ref.startsWith("#")) {
			return null;
		}
		Object current = this.root;
		for (String token : ref.substring(1).split("/")) {
			if (token.isEmpty()) {
				continue;
			}
			String name = token.replace("~1", "/").replace("~0", "~");
			current = (current instanceof Map<?, ?> map) ? map.get(name) : null;
		}
		return (current instanceof Map<?, ?> map) ? map : null;
	}

	private static boolean matchesType(Object type, JsonNode value) {
		if (type instanceof List<?> types) {
			return types.stream().anyMatch((one) -> matchesType(one, value));
		}
		return switch (String.valueOf(type)) {
			case "object" -> value.isObject();
			case "array" -> value.isArray();
			case "string" -> value.isString();
			case "number" -> value.isNumber();
			case "integer" -> value.isIntegralNumber()
					|| (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
			case "boolean" -> value.isBoolean();
			case "null" -> value.isNull();
			default -> true;
		};
	}

	private static boolean same(@Nullable Object allowed, JsonNode value) {
		if (allowed == null) {
			return value.isNull();
		}
		if (allowed instanceof Number number) {
			return value.isNumber() && value.decimalValue().compareTo(new BigDecimal(number.toString())) == 0;
		}
		if (allowed instanceof Boolean bool) {
			return value.isBoolean() && value.booleanValue() == bool;
		}
		return value.isString() && value.stringValue().equals(allowed.toString());
	}

	private static String kind(JsonNode value) {
		if (value.isObject()) {
			return "an object";
		}
		if (value.isArray()) {
			return "an array";
		}
		if (value.isString()) {
			return "a string";
		}
		if (value.isNumber()) {
			return "a number";
		}
		return value.isBoolean() ? "a boolean" : "null";
	}

	private static String brief(JsonNode value) {
		String text = value.toString();
		return (text.length() > 60) ? text.substring(0, 60) + "…" : text;
	}

}
