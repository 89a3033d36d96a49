package dev.customllm.test;

import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a Responses API request ({@code POST /v1/responses}) as the chat request it
 * stands for, so that the simulator answers both APIs alike: {@code instructions} as a
 * system message, input items as messages ({@code function_call} as an assistant's tool
 * call, {@code function_call_output} as a tool message), function tools,
 * {@code text.format} as {@code response_format}, {@code max_output_tokens} as
 * {@code max_tokens}. Refuses the chat-only parameters, as OpenAI refuses them.
 */
final class ResponsesRequest {

	private static final Set<String> CHAT_ONLY = Set.of("messages", "max_tokens", "max_completion_tokens",
			"response_format", "stream_options", "reasoning_effort", "stop", "seed", "functions");

	private ResponsesRequest() {
	}

	/**
	 * Return the chat request a Responses API request stands for.
	 * @param request the Responses API request
	 * @return the chat request
	 * @throws InvalidRequestException if the request is malformed
	 */
	static ObjectNode toChat(ObjectNode request) {
		for (String name : CHAT_ONLY) {
			if (request.has(name)) {
				throw new InvalidRequestException("Unsupported parameter: '" + name + "'. In the Responses API, "
						+ "this parameter is not supported or has moved.");
			}
		}
		ObjectNode chat = SimulatorEndpoint.json.createObjectNode();
		if (request.has("model")) {
			chat.set("model", request.get("model"));
		}
		ArrayNode messages = chat.putArray("messages");
		JsonNode instructions = request.path("instructions");
		if (instructions.isString()) {
			messages.addObject().put("role", "system").put("content", instructions.stringValue());
		}
		JsonNode input = request.path("input");
		if (input.isString()) {
			messages.addObject().put("role", "user").put("content", input.stringValue());
		}
		else if (input.isArray() && !input.isEmpty()) {
			input.values().forEach((item) -> messages.add(message(item)));
		}
		else {
			throw new InvalidRequestException("input must be a string or a non-empty array of input items");
		}
		if (request.has("max_output_tokens")) {
			chat.set("max_tokens", request.get("max_output_tokens"));
		}
		tools(request, chat);
		JsonNode format = request.path("text").path("format");
		if (format.isObject()) {
			String type = format.path("type").asString("");
			ObjectNode responseFormat = chat.putObject("response_format").put("type", type);
			if (type.equals("json_schema")) {
				ObjectNode schema = responseFormat.putObject("json_schema");
				if (format.path("name").isString()) {
					schema.set("name", format.get("name"));
				}
				if (format.path("schema").isObject()) {
					schema.set("schema", format.get("schema"));
				}
			}
		}
		return chat;
	}

	private static ObjectNode message(JsonNode item) {
		String type = item.path("type").asString("message");
		ObjectNode message = SimulatorEndpoint.json.createObjectNode();
		switch (type) {
			case "message" -> {
				String role = item.path("role").asString("");
				if (!List.of("user", "assistant", "system", "developer").contains(role)) {
					throw new InvalidRequestException("Invalid input message role '" + role + "'");
				}
				message.put("role", role);
				message.set("content", content(item.path("content")));
			}
			case "function_call" -> {
				message.put("role", "assistant").putNull("content");
				ObjectNode call = message.putArray("tool_calls").addObject();
				call.put("id", required(item, "call_id")).put("type", "function");
				call.putObject("function")
					.put("name", required(item, "name"))
					.put("arguments", item.path("arguments").asString("{}"));
			}
			case "function_call_output" -> {
				message.put("role", "tool").put("tool_call_id", required(item, "call_id"));
				message.put("content", item.path("output").asString(""));
			}
			default -> throw new InvalidRequestException("Invalid input item type '" + type + "'");
		}
		return message;
	}

	private static JsonNode content(JsonNode content) {
		if (content.isString()) {
			return content;
		}
		if (!content.isArray()) {
			throw new InvalidRequestException("Invalid message content: expected a string or an array of parts");
		}
		ArrayNode parts = SimulatorEndpoint.json.createArrayNode();
		for (JsonNode part : content.values()) {
			String type = part.path("type").asString("");
			switch (type) {
				case "input_text", "output_text" ->
					parts.addObject().put("type", "text").set("text", part.path("text"));
				case "input_image" -> {
					ObjectNode image = parts.addObject().put("type", "image_url").putObject("image_url");
					image.set("url", part.path("image_url"));
					image.put("detail", part.path("detail").asString("auto"));
				}
				default -> throw new InvalidRequestException(
						"Invalid content part: expected input_text, output_text or input_image, got type '" + type
								+ "'");
			}
		}
		return parts;
	}

	private static void tools(ObjectNode request, ObjectNode chat) {
		JsonNode tools = request.path("tools");
		if (tools.isArray() && !tools.isEmpty()) {
			ArrayNode chatTools = chat.putArray("tools");
			for (JsonNode tool : tools.values()) {
				if (!"function".equals(tool.path("type").asString("")) || tool.has("function")) {
					throw new InvalidRequestException(
							"Invalid tool: the simulator offers function tools {\"type\": \"function\", \"name\": …}");
				}
				ObjectNode function = chatTools.addObject().put("type", "function").putObject("function");
				function.put("name", required(tool, "name"));
				function.put("description", tool.path("description").asString(""));
				function.set("parameters", tool.path("parameters").isObject() ? tool.get("parameters")
						: SimulatorEndpoint.json.createObjectNode());
			}
		}
		JsonNode choice = request.path("tool_choice");
		if (choice.isString()) {
			chat.set("tool_choice", choice);
		}
		else if (choice.isObject()) {
			chat.putObject("tool_choice")
				.put("type", "function")
				.putObject("function")
				.put("name", choice.path("name").asString(""));
		}
	}

	private static String required(JsonNode node, String name) {
		JsonNode value = node.path(name);
		if (!value.isString() || value.stringValue().isEmpty()) {
			throw new InvalidRequestException("Missing required parameter: '" + name + "'");
		}
		return value.stringValue();
	}

}
