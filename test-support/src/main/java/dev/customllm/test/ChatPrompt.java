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
 * @param images the number of images in the last user message
 */
record ChatPrompt(String instructions, String question, int tokens, int images) {

	/**
	 * Simulated tokens of one image, as OpenAI counts an image of low detail.
	 */
	static final int IMAGE_TOKENS = 85;

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
		int images = 0;
		for (JsonNode message : messages.values()) {
			String role = message.path("role").asString("");
			String content = content(message.path("content"));
			int imageCount = images(message.path("content"));
			tokens += SimulatedText.words(content).size() + imageCount * IMAGE_TOKENS;
			if (role.equals("system") || role.equals("developer")) {
				instructions.add(content);
			}
			question = role.equals("user") ? content : question;
			images = role.equals("user") ? imageCount : images;
		}
		return new ChatPrompt(String.join("\n", instructions), question, tokens, images);
	}

	/**
	 * Count the image parts of a message's content, checking each part as OpenAI does.
	 */
	private static int images(JsonNode content) {
		int images = 0;
		for (JsonNode part : content.isArray() ? content.values() : List.<JsonNode>of()) {
			String type = part.path("type").asString("");
			if (type.equals("image_url")) {
				checkImageUrl(part.path("image_url"));
				images++;
			}
			else if (!type.equals("text") || !part.path("text").isString()) {
				throw new InvalidRequestException("Invalid content part: expected a 'text' part with text or an "
						+ "'image_url' part, got type '" + type + "'");
			}
		}
		return images;
	}

	private static void checkImageUrl(JsonNode imageUrl) {
		String url = imageUrl.path("url").asString("");
		boolean data = url.matches("(?s)data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}");
		if (!data && !url.startsWith("http://") && !url.startsWith("https://")) {
			throw new InvalidRequestException("Invalid image_url: expected an http(s) URL or a base64 data URL of a"
					+ " PNG, JPEG, GIF or WebP image");
		}
		String detail = imageUrl.path("detail").asString("auto");
		if (!List.of("auto", "low", "high").contains(detail)) {
			throw new InvalidRequestException("Invalid image_url.detail '" + detail + "': expected auto, low or high");
		}
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
