package dev.customllm.test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How the simulator honours {@code response_format}, deterministically. For
 * {@code json_schema} it answers JSON in the shape of the schema: every property, a
 * string named like a summary holds the summary of the question, other strings its first
 * words, an array of strings the question's longest words (its "keywords"), an enum the
 * value sharing the most words with the question, a number the count of its words, a
 * boolean {@code true}. For {@code json_object} it does the same with a JSON Schema
 * quoted in the system instructions, the way a client falls back when a service refuses
 * {@code json_schema}, or else answers {@code {"answer": "…"}}. Without a
 * {@code response_format}, it does the same when the prompt carries the format
 * instructions of Spring AI's {@code BeanOutputConverter} or LangChain4j
 * ({@link PromptSchema}).
 */
final class SimulatedJson {

	private static final JsonNodeFactory NODES = SimulatorEndpoint.json.getNodeFactory();

	private static final int KEYWORDS = 3;

	private static final int TEXT_WORDS = 12;

	private static final int MAX_DEPTH = 8;

	private SimulatedJson() {
	}

	/**
	 * Return the answer a request's {@code response_format} asks for, if any.
	 * @param format the {@code response_format} of the request, possibly missing
	 * @param prompt what the simulator read from the messages
	 * @param maxTokens the most tokens the answer may have
	 * @param fenced whether to wrap the JSON in a Markdown code fence
	 * @return the answer, or {@code null} for free text
	 * @throws InvalidRequestException if the format is malformed
	 */
	static @Nullable SimulatedAnswer answer(JsonNode format, ChatPrompt prompt, int maxTokens, boolean fenced) {
		String type = (format.isMissingNode() || format.isNull()) ? "text" : format.path("type").asString("");
		if (type.equals("text")) {
			PromptSchema asked = PromptSchema.find(prompt);
			return (asked != null) ? shaped(asked.schema(), asked.prompt(), maxTokens, fenced) : null;
		}
		JsonNode schema = switch (type) {
			case "json_object" -> jsonObjectSchema(prompt);
			case "json_schema" -> schema(format.path("json_schema"));
			default -> throw new InvalidRequestException(
					"response_format.type must be 'text', 'json_object' or 'json_schema', not '" + type + "'");
		};
		if (schema == null && !type.equals("json_object")) {
			return null;
		}
		if (schema == null) {
			String json = SimulatorEndpoint.json.writeValueAsString(NODES.objectNode()
				.put("answer", SimulatedText.answer("", prompt.question(), Integer.MAX_VALUE).text()));
			return limited(fenced ? "```json\n" + json + "\n```" : json, maxTokens);
		}
		return shaped(schema, prompt, maxTokens, fenced);
	}

	private static SimulatedAnswer shaped(JsonNode schema, ChatPrompt prompt, int maxTokens, boolean fenced) {
		String json = SimulatorEndpoint.json.writeValueAsString(new Shaper(schema, prompt).value(schema, "", 0));
		return limited(fenced ? "```json\n" + json + "\n```" : json, maxTokens);
	}

	/**
	 * The schema of a {@code json_object} request: one quoted in the instructions, or the
	 * format instructions of Spring AI or LangChain4j anywhere in the prompt.
	 */
	private static @Nullable JsonNode jsonObjectSchema(ChatPrompt prompt) {
		JsonNode quoted = quotedSchema(prompt.instructions());
		if (quoted != null) {
			return quoted;
		}
		PromptSchema asked = PromptSchema.find(prompt);
		return (asked != null) ? asked.schema() : null;
	}

	private static JsonNode schema(JsonNode jsonSchema) {
		JsonNode schema = jsonSchema.path("schema");
		if (!jsonSchema.path("name").isString() || !schema.isObject()) {
			throw new InvalidRequestException("response_format.json_schema needs a name and a schema object");
		}
		return schema;
	}

	static @Nullable JsonNode quotedSchema(String instructions) {
		int mention = instructions.toLowerCase(Locale.ROOT).indexOf("schema");
		int start = (mention >= 0) ? instructions.indexOf('{', mention) : -1;
		if (start < 0) {
			return null;
		}
		try (JsonParser parser = SimulatorEndpoint.json.createParser(instructions.substring(start))) {
			// the schema may be followed by more text, such as the fence that closes it
			JsonNode schema = SimulatorEndpoint.json.reader()
				.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
				.readTree(parser);
			return (schema != null && schema.isObject()) ? schema : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static SimulatedAnswer limited(String text, int maxTokens) {
		List<String> words = SimulatedText.words(text);
		if (words.size() > maxTokens) {
			return new SimulatedAnswer(String.join(" ", words.subList(0, maxTokens)), "length");
		}
		return new SimulatedAnswer(text, "stop");
	}

	/**
	 * Builds a value in the shape of a schema from the question.
	 */
	private static final class Shaper {

		private final JsonNode root;

		private final ChatPrompt prompt;

		Shaper(JsonNode root, ChatPrompt prompt) {
			this.root = root;
			this.prompt = prompt;
		}

		JsonNode value(JsonNode schema, String name, int depth) {
			JsonNode resolved = resolve(schema);
			if (depth > MAX_DEPTH) {
				return NODES.nullNode();
			}
			JsonNode alternative = firstAlternative(resolved);
			if (alternative != null) {
				return value(alternative, name, depth + 1);
			}
			if (resolved.path("enum").isArray() && !resolved.path("enum").isEmpty()) {
				return closest(resolved.path("enum"));
			}
			return switch (type(resolved)) {
				case "object" -> object(resolved, depth);
				case "array" -> array(resolved, name, depth);
				case "integer" -> NODES.numberNode(clamp(resolved, SimulatedText.words(this.prompt.question()).size()));
				case "number" ->
					NODES.numberNode((double) clamp(resolved, SimulatedText.words(this.prompt.question()).size()));
				case "boolean" -> NODES.booleanNode(true);
				case "null" -> NODES.nullNode();
				default -> NODES.stringNode(text(name, resolved.path("format").asString("")));
			};
		}

		private ObjectNode object(JsonNode schema, int depth) {
			ObjectNode object = NODES.objectNode();
			for (var property : schema.path("properties").properties()) {
				object.set(property.getKey(), value(property.getValue(), property.getKey(), depth + 1));
			}
			return object;
		}

		private ArrayNode array(JsonNode schema, String name, int depth) {
			ArrayNode array = NODES.arrayNode();
			JsonNode items = resolve(schema.path("items"));
			int min = schema.path("minItems").asInt(0);
			int max = schema.path("maxItems").asInt(Integer.MAX_VALUE);
			if (type(items).equals("string") && !items.has("enum")) {
				keywords(Math.max(min, 1)).stream().limit(max).forEach(array::add);
			}
			for (int i = array.size(); i < Math.max(min, 1) && i < max; i++) {
				array.add(value(items, name, depth + 1));
			}
			return array;
		}

		private String text(String name, String format) {
			switch (format) {
				case "date" -> {
					return "2024-01-31";
				}
				case "date-time" -> {
					return "2024-01-31T12:00:00Z";
				}
				case "time" -> {
					return "12:00:00";
				}
				default -> {
				}
			}
			String lower = name.toLowerCase(Locale.ROOT);
			if (lower.contains("summar")) {
				return SimulatedText.summary(this.prompt.question());
			}
			List<String> words = SimulatedText.words(SimulatedText.withoutInstruction(this.prompt.question()));
			String text = String.join(" ", words.subList(0, Math.min(TEXT_WORDS, words.size())));
			return text.isEmpty() ? "simulated" : text;
		}

		private List<String> keywords(int least) {
			Set<String> distinct = new LinkedHashSet<>();
			for (String word : SimulatedText.withoutInstruction(this.prompt.question()).split("[^\\p{L}\\p{N}]+")) {
				if (word.length() > 3) {
					distinct.add(word.toLowerCase(Locale.ROOT));
				}
			}
			List<String> words = new ArrayList<>(distinct);
			words.sort(Comparator.comparingInt(String::length).reversed());
			List<String> keywords = new ArrayList<>(
					words.subList(0, Math.min(Math.max(KEYWORDS, least), words.size())));
			while (keywords.size() < least) {
				keywords.add("keyword" + (keywords.size() + 1));
			}
			return keywords;
		}

		private JsonNode closest(JsonNode values) {
			Set<String> question = words(this.prompt.question());
			JsonNode best = values.get(0);
			int bestShared = -1;
			for (JsonNode value : values.values()) {
				Set<String> shared = words(value.asString(""));
				shared.retainAll(question);
				if (shared.size() > bestShared) {
					best = value;
					bestShared = shared.size();
				}
			}
			return best;
		}

		private static Set<String> words(String text) {
			return new LinkedHashSet<>(List.of(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")));
		}

		private static long clamp(JsonNode schema, long value) {
			long min = schema.path("minimum").asLong(Long.MIN_VALUE);
			long max = schema.path("maximum").asLong(Long.MAX_VALUE);
			return Math.max(min, Math.min(max, value));
		}

		private JsonNode resolve(JsonNode schema) {
			String ref = schema.path("$ref").asString("");
			if (!ref.startsWith("#")) {
				return schema;
			}
			JsonNode target = ref.equals("#") ? this.root : this.root.at(ref.substring(1));
			return target.isMissingNode() ? schema : target;
		}

		private static @Nullable JsonNode firstAlternative(JsonNode schema) {
			JsonNode alternatives = schema.has("anyOf") ? schema.path("anyOf") : schema.path("oneOf");
			for (JsonNode alternative : alternatives.values()) {
				if (!"null".equals(alternative.path("type").asString(""))) {
					return alternative;
				}
			}
			return null;
		}

		private static String type(JsonNode schema) {
			JsonNode type = schema.path("type");
			if (type.isArray()) {
				for (JsonNode one : type.values()) {
					if (!"null".equals(one.asString(""))) {
						return one.asString("");
					}
				}
				return "null";
			}
			if (type.isString()) {
				return type.stringValue();
			}
			return schema.has("properties") ? "object" : "string";
		}

	}

}
