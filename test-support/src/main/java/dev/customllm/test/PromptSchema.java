package dev.customllm.test;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON schema asked for in the text of a prompt rather than in {@code response_format},
 * the way frameworks ask when they do not use the service's structured output: Spring
 * AI's {@code BeanOutputConverter} ("Here is the JSON Schema instance your output must
 * adhere to: ```{schema}```") and LangChain4j's AI services ("You must answer strictly in
 * the following JSON format: {"name": (type: string), …}"), in the system or the user
 * message.
 *
 * @param schema the schema, as JSON Schema
 * @param prompt the prompt without the format instructions, to answer from
 */
record PromptSchema(JsonNode schema, ChatPrompt prompt) {

	private static final JsonNodeFactory NODES = SimulatorEndpoint.json.getNodeFactory();

	private static final String SPRING_AI = "your response should be in json format";

	private static final String SPRING_AI_SCHEMA = "json schema instance";

	private static final String LANGCHAIN4J = "you must answer strictly in the following json format:";

	private static final Pattern FIELD = Pattern.compile("^\\s*\"([^\"]+)\"\\s*:\\s*\\((.*)\\)\\s*,?\\s*$");

	private static final Pattern ONE_OF = Pattern.compile("must be one of \\[([^\\]]*)\\]");

	/**
	 * Find the format instructions of Spring AI or LangChain4j in the last user message,
	 * else in the system instructions.
	 * @param prompt the prompt
	 * @return the schema and the prompt without the instructions, or {@code null}
	 */
	static @Nullable PromptSchema find(ChatPrompt prompt) {
		JsonNode inQuestion = schema(prompt.question());
		if (inQuestion != null) {
			return new PromptSchema(inQuestion, new ChatPrompt(prompt.instructions(), withoutFormat(prompt.question()),
					prompt.tokens(), prompt.images()));
		}
		JsonNode inInstructions = schema(prompt.instructions());
		return (inInstructions != null) ? new PromptSchema(inInstructions, prompt) : null;
	}

	private static @Nullable JsonNode schema(String text) {
		String lower = text.toLowerCase(Locale.ROOT);
		int springAi = lower.indexOf(SPRING_AI_SCHEMA);
		if (springAi >= 0) {
			return SimulatedJson.quotedSchema(text.substring(springAi));
		}
		int langChain4j = lower.indexOf(LANGCHAIN4J);
		return (langChain4j >= 0) ? fields(text.substring(langChain4j + LANGCHAIN4J.length())) : null;
	}

	private static String withoutFormat(String question) {
		String lower = question.toLowerCase(Locale.ROOT);
		int start = lower.indexOf(SPRING_AI);
		if (start < 0) {
			start = lower.indexOf(SPRING_AI_SCHEMA);
		}
		if (start < 0) {
			start = lower.indexOf(LANGCHAIN4J);
		}
		return (start > 0) ? question.substring(0, start).strip() : question;
	}

	/**
	 * Read LangChain4j's description of the fields, one per line:
	 * {@code "name": (type: string),}.
	 */
	private static @Nullable JsonNode fields(String format) {
		ObjectNode properties = NODES.objectNode();
		ArrayNode required = NODES.arrayNode();
		for (String line : format.split("\n")) {
			Matcher field = FIELD.matcher(line);
			if (field.matches()) {
				properties.set(field.group(1), type(field.group(2)));
				required.add(field.group(1));
			}
		}
		if (properties.isEmpty()) {
			return null;
		}
		ObjectNode schema = NODES.objectNode().put("type", "object");
		schema.set("properties", properties);
		schema.set("required", required);
		return schema;
	}

	private static ObjectNode type(String description) {
		String type = description.toLowerCase(Locale.ROOT).replaceFirst("^type:\\s*", "").strip();
		Matcher oneOf = ONE_OF.matcher(description);
		if (type.startsWith("enum") && oneOf.find()) {
			ArrayNode values = NODES.arrayNode();
			for (String value : oneOf.group(1).split(",")) {
				values.add(value.strip());
			}
			ObjectNode schema = NODES.objectNode().put("type", "string");
			schema.set("enum", values);
			return schema;
		}
		if (type.startsWith("array of") || type.startsWith("list of") || type.startsWith("set of")) {
			ObjectNode schema = NODES.objectNode().put("type", "array");
			schema.set("items", type(type.replaceFirst("^(array|list|set) of\\s*", "")));
			return schema;
		}
		if (type.startsWith("date-time string") || type.startsWith("datetime string")) {
			return NODES.objectNode().put("type", "string").put("format", "date-time");
		}
		if (type.startsWith("date string")) {
			return NODES.objectNode().put("type", "string").put("format", "date");
		}
		if (type.startsWith("time string")) {
			return NODES.objectNode().put("type", "string").put("format", "time");
		}
		String json = switch (type.split("[\\s,:]+")[0]) {
			case "integer", "int", "long", "short", "byte", "biginteger" -> "integer";
			case "number", "double", "float", "decimal", "bigdecimal" -> "number";
			case "boolean" -> "boolean";
			default -> "string";
		};
		return NODES.objectNode().put("type", json);
	}

}
