package dev.customllm.internal.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The one JSON Schema check of the client, for structured answers and tool arguments
 * alike. It follows the keywords that decide whether a value can be used: {@code type},
 * {@code enum}, {@code required}, {@code properties}, {@code additionalProperties},
 * {@code items}, {@code anyOf}/{@code oneOf} and local {@code $ref}s; other keywords are
 * left to the binding of the value to a Java type. A {@code null} for a property the
 * schema does not require counts as the property being absent. Each problem names the
 * JSON path where it is, followed by what is wrong
 * ({@code $.items[1]: missing required property 'id'}); paths are built only for a value
 * that does not match.
 * <p>
 * The two uses differ in one deliberate way: an answer is bound by the JSON mapper, which
 * ignores the members a type does not declare, so {@link #problem(Map, JsonNode)} ignores
 * properties that a schema does not name; tool arguments are handed to the tool as a
 * tree, so {@link #problems(Map, JsonNode)} refuses them where the schema says
 * {@code additionalProperties: false} and checks them against an
 * {@code additionalProperties} schema. Schemas are read as maps, lists and plain values
 * ({@link JsonSchemas#toMap}), as structured answers keep them, so that checking an
 * answer converts nothing. Not thread-safe: one instance per check.
 *
 * @author Custom LLM team
 */
public final class SchemaCheck {

	private static final int MAX_DEPTH = 64;

	private final Map<?, ?> root;

	private final boolean checkAdditional;

	private final int limit;

	private final List<String> problems = new ArrayList<>(1);

	/** The path from the value's root: property names and array indexes. */
	private final List<Object> path = new ArrayList<>();

	private SchemaCheck(Map<?, ?> root, boolean checkAdditional, int limit) {
		this.root = root;
		this.checkAdditional = checkAdditional;
		this.limit = limit;
	}

	/**
	 * Return every way the arguments of a tool do not match the tool's schema, properties
	 * the schema does not allow included.
	 * @param schema the schema of the arguments
	 * @param value the arguments
	 * @return the problems, each with its JSON path; empty when the arguments match
	 */
	public static List<String> problems(Map<String, Object> schema, JsonNode value) {
		SchemaCheck check = new SchemaCheck(schema, true, Integer.MAX_VALUE);
		check.check(schema, value, 0);
		return List.copyOf(check.problems);
	}

	/**
	 * Return the first way an answer does not match a schema, ignoring properties the
	 * schema does not name.
	 * @param schema the schema
	 * @param value the answer
	 * @return the problem, with the JSON path where it is, or {@code null} if the value
	 * matches
	 */
	static @Nullable String problem(Map<String, Object> schema, JsonNode value) {
		SchemaCheck check = new SchemaCheck(schema, false, 1);
		check.check(schema, value, 0);
		return check.problems.isEmpty() ? null : check.problems.get(0);
	}

	private boolean full() {
		return this.problems.size() >= this.limit;
	}

	private void check(Map<?, ?> schema, JsonNode value, int depth) {
		if (depth > MAX_DEPTH || full()) {
			return;
		}
		int before = this.problems.size();
		if (schema.get("$ref") instanceof String ref && resolve(ref) instanceof Map<?, ?> referenced) {
			check(referenced, value, depth + 1);
		}
		if (this.problems.size() > before || !alternatives(schema, value, depth) || !typeAndEnum(schema, value)) {
			return;
		}
		if (value.isObject()) {
			object(schema, value, depth);
		}
		else if (value.isArray() && schema.get("items") instanceof Map<?, ?> items) {
			for (int i = 0; i < value.size() && !full(); i++) {
				this.path.add(i);
				check(items, value.get(i), depth + 1);
				this.path.remove(this.path.size() - 1);
			}
		}
	}

	/**
	 * Check {@code anyOf} or {@code oneOf}: the value must match one of the shapes.
	 * @return whether the check may go on
	 */
	private boolean alternatives(Map<?, ?> schema, JsonNode value, int depth) {
		Object alternatives = (schema.get("anyOf") != null) ? schema.get("anyOf") : schema.get("oneOf");
		if (!(alternatives instanceof List<?> list) || list.isEmpty()) {
			return true;
		}
		for (Object alternative : list) {
			if (alternative instanceof Map<?, ?> map) {
				SchemaCheck one = new SchemaCheck(this.root, this.checkAdditional, 1);
				one.check(map, value, depth + 1);
				if (one.problems.isEmpty()) {
					return true;
				}
			}
		}
		add(kind(value) + " matches none of the shapes the schema allows");
		return false;
	}

	/**
	 * Check {@code type} and {@code enum}.
	 * @return whether the check may go on
	 */
	private boolean typeAndEnum(Map<?, ?> schema, JsonNode value) {
		Object type = schema.get("type");
		if (type != null && !matchesType(type, value)) {
			add("expected " + types(type) + ", got " + kind(value));
			return false;
		}
		if (schema.get("enum") instanceof List<?> allowed && allowed.stream().noneMatch((one) -> same(one, value))) {
			add(brief(value) + " is not one of " + allowed);
			return false;
		}
		return true;
	}

	private void object(Map<?, ?> schema, JsonNode value, int depth) {
		List<?> required = (schema.get("required") instanceof List<?> names) ? names : List.of();
		for (Object name : required) {
			if (name instanceof String property && !value.has(property)) {
				add("missing required property '" + property + "'");
				if (full()) {
					return;
				}
			}
		}
		Map<?, ?> properties = (schema.get("properties") instanceof Map<?, ?> named) ? named : Map.of();
		Object additional = schema.get("additionalProperties");
		boolean closed = this.checkAdditional && Boolean.FALSE.equals(additional);
		Map<?, ?> extras = (this.checkAdditional && additional instanceof Map<?, ?> map) ? map : null;
		if (!closed && extras == null) {
			// only the named properties: the other members are not looked at
			for (Map.Entry<?, ?> property : properties.entrySet()) {
				JsonNode child = (property.getKey() instanceof String name) ? value.get(name) : null;
				if (child != null && property.getValue() instanceof Map<?, ?> childSchema) {
					property((String) property.getKey(), childSchema, child, required, depth);
				}
				if (full()) {
					return;
				}
			}
			return;
		}
		for (Map.Entry<String, JsonNode> member : value.properties()) {
			Object named = properties.get(member.getKey());
			Map<?, ?> childSchema = (named instanceof Map<?, ?> map) ? map : extras;
			if (childSchema != null) {
				property(member.getKey(), childSchema, member.getValue(), required, depth);
			}
			else if (named == null) {
				add("property '" + member.getKey() + "' is not allowed by the schema");
			}
			if (full()) {
				return;
			}
		}
	}

	private void property(String name, Map<?, ?> schema, JsonNode value, List<?> required, int depth) {
		if (value.isNull() && !required.contains(name)) {
			// an optional property given as null is as good as absent
			return;
		}
		this.path.add(name);
		check(schema, value, depth + 1);
		this.path.remove(this.path.size() - 1);
	}

	private void add(String problem) {
		StringBuilder where = new StringBuilder("$");
		for (Object segment : this.path) {
			if (segment instanceof Integer index) {
				where.append('[').append(index).append(']');
			}
			else {
				where.append('.').append(segment);
			}
		}
		this.problems.add(where.append(": ").append(problem).toString());
	}

	private @Nullable Object resolve(String ref) {
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
		return current;
	}

	private static boolean matchesType(Object type, JsonNode value) {
		if (type instanceof List<?> types) {
			return types.stream().anyMatch((one) -> one != null && matchesType(one, value));
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
		if (allowed instanceof String text) {
			return value.isString() && value.stringValue().equals(text);
		}
		return LlmJson.mapper().valueToTree(allowed).equals(value);
	}

	private static String types(Object type) {
		if (!(type instanceof List<?> list)) {
			return String.valueOf(type);
		}
		StringJoiner types = new StringJoiner(" or ");
		list.forEach((one) -> types.add(String.valueOf(one)));
		return types.toString();
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
