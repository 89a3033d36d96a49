package dev.customllm.internal.json;

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
 * tree, so {@link #problems(JsonNode, JsonNode)} refuses them where the schema says
 * {@code additionalProperties: false} and checks them against an
 * {@code additionalProperties} schema. Not thread-safe: one instance per check.
 *
 * @author Custom LLM team
 */
public final class SchemaCheck {

	private static final int MAX_DEPTH = 64;

	private final JsonNode root;

	private final boolean checkAdditional;

	private final int limit;

	private final List<String> problems = new ArrayList<>(1);

	/** The path from the value's root: property names and array indexes. */
	private final List<Object> path = new ArrayList<>();

	private SchemaCheck(JsonNode root, boolean checkAdditional, int limit) {
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
	public static List<String> problems(JsonNode schema, JsonNode value) {
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
		JsonNode tree = LlmJson.mapper().valueToTree(schema);
		SchemaCheck check = new SchemaCheck(tree, false, 1);
		check.check(tree, value, 0);
		return check.problems.isEmpty() ? null : check.problems.get(0);
	}

	private boolean full() {
		return this.problems.size() >= this.limit;
	}

	private void check(JsonNode schema, JsonNode value, int depth) {
		if (depth > MAX_DEPTH || !schema.isObject() || full()) {
			return;
		}
		int before = this.problems.size();
		JsonNode ref = schema.get("$ref");
		if (ref != null && ref.isString()) {
			JsonNode referenced = resolve(ref.stringValue());
			if (referenced != null) {
				check(referenced, value, depth + 1);
			}
		}
		if (this.problems.size() > before || !alternatives(schema, value, depth) || !typeAndEnum(schema, value)) {
			return;
		}
		if (value.isObject()) {
			object(schema, value, depth);
		}
		else if (value.isArray()) {
			JsonNode items = schema.get("items");
			for (int i = 0; items != null && i < value.size() && !full(); i++) {
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
	private boolean alternatives(JsonNode schema, JsonNode value, int depth) {
		JsonNode alternatives = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
		if (alternatives == null || !alternatives.isArray() || alternatives.isEmpty()) {
			return true;
		}
		for (JsonNode alternative : alternatives.values()) {
			SchemaCheck one = new SchemaCheck(this.root, this.checkAdditional, 1);
			one.check(alternative, value, depth + 1);
			if (one.problems.isEmpty()) {
				return true;
			}
		}
		add(kind(value) + " matches none of the shapes the schema allows");
		return false;
	}

	/**
	 * Check {@code type} and {@code enum}.
	 * @return whether the check may go on
	 */
	private boolean typeAndEnum(JsonNode schema, JsonNode value) {
		JsonNode type = schema.get("type");
		if (type != null && !matchesType(type, value)) {
			add("expected " + types(type) + ", got " + kind(value));
			return false;
		}
		JsonNode allowed = schema.get("enum");
		if (allowed != null && allowed.isArray() && allowed.values().stream().noneMatch((one) -> same(one, value))) {
			add(brief(value) + " is not one of " + list(allowed));
			return false;
		}
		return true;
	}

	private void object(JsonNode schema, JsonNode value, int depth) {
		JsonNode required = schema.path("required");
		for (JsonNode name : required.values()) {
			if (name.isString() && !value.has(name.stringValue())) {
				add("missing required property '" + name.stringValue() + "'");
				if (full()) {
					return;
				}
			}
		}
		JsonNode properties = schema.path("properties");
		JsonNode additional = schema.path("additionalProperties");
		boolean closed = this.checkAdditional && additional.isBoolean() && !additional.booleanValue();
		JsonNode extras = (this.checkAdditional && additional.isObject()) ? additional : null;
		if (!closed && extras == null) {
			// only the named properties: the other members are not looked at
			for (var property : properties.properties()) {
				JsonNode child = value.get(property.getKey());
				if (child != null) {
					property(property.getKey(), property.getValue(), child, required, depth);
				}
				if (full()) {
					return;
				}
			}
			return;
		}
		for (var member : value.properties()) {
			JsonNode childSchema = properties.get(member.getKey());
			childSchema = (childSchema != null) ? childSchema : extras;
			if (childSchema != null) {
				property(member.getKey(), childSchema, member.getValue(), required, depth);
			}
			else {
				add("property '" + member.getKey() + "' is not allowed by the schema");
			}
			if (full()) {
				return;
			}
		}
	}

	private void property(String name, JsonNode schema, JsonNode value, JsonNode required, int depth) {
		if (value.isNull() && !contains(required, name)) {
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

	private @Nullable JsonNode resolve(String ref) {
		if (!ref.startsWith("#")) {
			return null;
		}
		JsonNode current = this.root;
		for (String token : ref.substring(1).split("/")) {
			if (token.isEmpty()) {
				continue;
			}
			current = current.get(token.replace("~1", "/").replace("~0", "~"));
			if (current == null) {
				return null;
			}
		}
		return current.isObject() ? current : null;
	}

	private static boolean contains(JsonNode names, String name) {
		for (JsonNode candidate : names.values()) {
			if (candidate.isString() && candidate.stringValue().equals(name)) {
				return true;
			}
		}
		return false;
	}

	private static boolean matchesType(JsonNode type, JsonNode value) {
		if (type.isArray()) {
			return type.values().stream().anyMatch((one) -> matchesType(one, value));
		}
		return switch (type.asString("")) {
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

	private static boolean same(JsonNode allowed, JsonNode value) {
		if (allowed.isNumber()) {
			return value.isNumber() && value.decimalValue().compareTo(allowed.decimalValue()) == 0;
		}
		return allowed.equals(value);
	}

	private static String types(JsonNode type) {
		if (!type.isArray()) {
			return type.asString(type.toString());
		}
		StringJoiner types = new StringJoiner(" or ");
		type.values().forEach((one) -> types.add(one.asString(one.toString())));
		return types.toString();
	}

	private static String list(JsonNode values) {
		StringJoiner list = new StringJoiner(", ", "[", "]");
		values.values().forEach((one) -> list.add(one.isString() ? one.stringValue() : one.toString()));
		return list.toString();
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
