package dev.customllm.test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How the simulator uses the tools a chat request offers, deterministically: when the
 * conversation has no tool result since the last user message, it calls the first tool
 * whose required arguments are all strings, numbers or booleans, with arguments derived
 * from the question (an enum value sharing the most words with it, a document id quoted
 * as {@code id="…"} in the instructions for an argument named like an id, the first
 * number, {@code true}, or else the question itself); once tool results are present, it
 * answers with them.
 */
final class SimulatedTools {

	static final String ANSWER_PREFIX = "Simulated answer from";

	private static final Pattern QUOTED_ID = Pattern.compile("id=\"([^\"]+)\"");

	private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

	private static final int ANSWER_WORDS = 40;

	private SimulatedTools() {
	}

	/**
	 * Return the tool call to answer with, if any.
	 * @param request the chat request
	 * @param prompt what the simulator read from its messages
	 * @return the call, or {@code null} to answer with text
	 */
	static @Nullable Script call(ObjectNode request, ChatPrompt prompt) {
		JsonNode tools = request.path("tools");
		if (!tools.isArray() || tools.isEmpty() || !results(request.path("messages")).isEmpty()
				|| "none".equals(request.path("tool_choice").asString(""))) {
			return null;
		}
		String forced = request.path("tool_choice").path("function").path("name").asString("");
		for (JsonNode tool : tools.values()) {
			JsonNode function = tool.path("function");
			String name = function.path("name").asString("");
			if (forced.isEmpty() || forced.equals(name)) {
				ObjectNode arguments = arguments(function.path("parameters"), prompt);
				if (arguments != null) {
					return Script.tool(name, SimulatorEndpoint.json.writeValueAsString(arguments));
				}
			}
		}
		return null;
	}

	/**
	 * Answer with the tool results since the last user message, if there are any.
	 * @param messages the messages of the request
	 * @param maxTokens the most tokens the answer may have
	 * @return the answer, or {@code null} when there are no tool results
	 */
	static @Nullable SimulatedAnswer answer(JsonNode messages, int maxTokens) {
		List<JsonNode> results = results(messages);
		if (results.isEmpty()) {
			return null;
		}
		List<String> names = new ArrayList<>();
		List<String> contents = new ArrayList<>();
		for (JsonNode result : results) {
			names.add(toolName(messages, result.path("tool_call_id").asString("")));
			contents.add(result.path("content").asString(""));
		}
		List<String> words = SimulatedText.words(ANSWER_PREFIX + " " + String.join(", ", names) + ": " + String
			.join(" ", SimulatedText.words(String.join(" ", contents)).stream().limit(ANSWER_WORDS).toList()));
		if (words.size() > maxTokens) {
			return new SimulatedAnswer(String.join(" ", words.subList(0, maxTokens)), "length");
		}
		return new SimulatedAnswer(String.join(" ", words), "stop");
	}

	private static List<JsonNode> results(JsonNode messages) {
		List<JsonNode> results = new ArrayList<>();
		for (JsonNode message : messages.values()) {
			String role = message.path("role").asString("");
			if (role.equals("user")) {
				results.clear();
			}
			else if (role.equals("tool")) {
				results.add(message);
			}
		}
		return results;
	}

	private static String toolName(JsonNode messages, String callId) {
		for (JsonNode message : messages.values()) {
			for (JsonNode call : message.path("tool_calls").values()) {
				if (callId.equals(call.path("id").asString(""))) {
					return call.path("function").path("name").asString("a tool");
				}
			}
		}
		return "a tool";
	}

	private static @Nullable ObjectNode arguments(JsonNode parameters, ChatPrompt prompt) {
		ObjectNode arguments = SimulatorEndpoint.json.createObjectNode();
		for (JsonNode required : parameters.path("required").values()) {
			String name = required.asString("");
			JsonNode value = value(name, parameters.path("properties").path(name), prompt);
			if (value == null) {
				return null;
			}
			arguments.set(name, value);
		}
		return arguments;
	}

	private static @Nullable JsonNode value(String name, JsonNode schema, ChatPrompt prompt) {
		return switch (schema.path("type").asString("")) {
			case "string" -> SimulatorEndpoint.json.getNodeFactory().stringNode(text(name, schema, prompt));
			case "integer" -> SimulatorEndpoint.json.getNodeFactory().numberNode((long) number(prompt.question()));
			case "number" -> SimulatorEndpoint.json.getNodeFactory().numberNode(number(prompt.question()));
			case "boolean" -> SimulatorEndpoint.json.getNodeFactory().booleanNode(true);
			default -> null;
		};
	}

	private static String text(String name, JsonNode schema, ChatPrompt prompt) {
		if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
			return closest(schema.path("enum"), prompt.question());
		}
		Matcher id = QUOTED_ID.matcher(prompt.instructions());
		if (name.toLowerCase(Locale.ROOT).endsWith("id") && id.find()) {
			return id.group(1);
		}
		return prompt.question();
	}

	private static String closest(JsonNode values, String question) {
		Set<String> words = wordSet(question);
		String best = values.get(0).asString("");
		int bestShared = -1;
		for (JsonNode value : values.values()) {
			Set<String> shared = wordSet(value.asString(""));
			shared.retainAll(words);
			if (shared.size() > bestShared) {
				best = value.asString("");
				bestShared = shared.size();
			}
		}
		return best;
	}

	private static Set<String> wordSet(String text) {
		return new HashSet<>(List.of(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")));
	}

	private static double number(String question) {
		Matcher number = NUMBER.matcher(question);
		return number.find() ? Double.parseDouble(number.group()) : 1;
	}

}
