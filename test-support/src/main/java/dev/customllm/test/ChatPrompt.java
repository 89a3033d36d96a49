package dev.customllm.test;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * What the simulator reads from the messages of a chat request.
 *
 * @param instructions the text of all system and developer messages
 * @param question the text of the last user message
 * @param tokens the number of simulated tokens in all messages
 */
record ChatPrompt(String instructions, String question, int tokens) {

	/**
	 * Read the prompt from a {@code messages} array.
	 * @param messages the messages
	 * @return the prompt
	 * @throws InvalidRequestException if there are no messages
	 */
	static ChatPrompt from(JsonNode messages) {
		if (!messages.isArray() || messages.isEmpty()) {
			throw new InvalidRequestException("messages must be a non-empty array");
		}
		List<String> instructions = new ArrayList<>();
		String question = "";
		int tokens = 0;
		for (JsonNode message : messages.values()) {
			String role = message.path("role").asString("");
			String content = content(message.path("content"));
			tokens += SimulatedText.words(content).size();
			if (role.equals("system") || role.equals("developer")) {
				instructions.add(content);
			}
			question = role.equals("user") ? content : question;
		}
		return new ChatPrompt(String.join("\n", instructions), question, tokens);
	}

	private static String content(JsonNode content) {
		if (content.isString()) {
			return content.stringValue();
		}
		List<String> parts = new ArrayList<>();
		if (content.isArray()) {
			content.values().forEach((part) -> parts.add(part.path("text").asString("")));
		}
		return String.join(" ", parts);
	}

}
