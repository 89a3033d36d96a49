package dev.customllm.conformance;

import tools.jackson.databind.node.ObjectNode;

/**
 * The request bodies the probes send.
 */
final class Requests {

	static final String QUESTION = "Reply with the single word OK.";

	private Requests() {
	}

	static ObjectNode chat(String model, String question) {
		ObjectNode body = ProbeClient.json.createObjectNode().put("model", model).put("max_tokens", 64);
		body.putArray("messages").addObject().put("role", "user").put("content", question);
		return body;
	}

	static ObjectNode streamedChat(String model, boolean includeUsage) {
		ObjectNode body = chat(model, QUESTION).put("stream", true);
		if (includeUsage) {
			body.putObject("stream_options").put("include_usage", true);
		}
		return body;
	}

	static ObjectNode text(String model) {
		return ProbeClient.json.createObjectNode().put("model", model).put("prompt", QUESTION).put("max_tokens", 16);
	}

	static ObjectNode toolCall(String model) {
		ObjectNode body = chat(model, "What is the weather in Paris? Use the get_weather tool.");
		ObjectNode function = body.putArray("tools").addObject().put("type", "function").putObject("function");
		function.put("name", "get_weather").put("description", "Current weather of a city");
		ObjectNode parameters = function.putObject("parameters").put("type", "object");
		parameters.putObject("properties").putObject("city").put("type", "string");
		parameters.putArray("required").add("city");
		return body;
	}

	static ObjectNode invalidChat(String model) {
		return ProbeClient.json.createObjectNode().put("model", model).put("messages", "not a list");
	}

	static ObjectNode embeddings(String model, String encodingFormat) {
		ObjectNode body = ProbeClient.json.createObjectNode()
			.put("model", model)
			.put("encoding_format", encodingFormat);
		body.putArray("input").add("The quick brown fox").add("jumps over the lazy dog");
		return body;
	}

}
