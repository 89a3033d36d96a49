package dev.customllm.conformance;

import tools.jackson.databind.node.ArrayNode;
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

	/**
	 * A 1×1 PNG, as a base64 {@code data:} URL.
	 */
	static final String PIXEL = "data:image/png;base64,"
			+ "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

	static ObjectNode jsonSchema(String model) {
		ObjectNode body = chat(model, "Reply with a JSON object whose answer is the word OK.");
		ObjectNode format = body.putObject("response_format").put("type", "json_schema");
		ObjectNode jsonSchema = format.putObject("json_schema").put("name", "answer").put("strict", true);
		ObjectNode schema = jsonSchema.putObject("schema").put("type", "object");
		schema.putObject("properties").putObject("answer").put("type", "string");
		schema.putArray("required").add("answer");
		schema.put("additionalProperties", false);
		return body;
	}

	static ObjectNode jsonObject(String model) {
		ObjectNode body = chat(model, "Reply with a JSON object whose answer is the word OK, as {\"answer\": \"OK\"}.");
		body.putObject("response_format").put("type", "json_object");
		return body;
	}

	static ObjectNode image(String model) {
		ObjectNode body = ProbeClient.json.createObjectNode().put("model", model).put("max_tokens", 64);
		ArrayNode parts = body.putArray("messages").addObject().put("role", "user").putArray("content");
		parts.addObject().put("type", "text").put("text", "What colour is this image? Answer in one word.");
		parts.addObject().put("type", "image_url").putObject("image_url").put("url", PIXEL);
		return body;
	}

	static ObjectNode rerank(String model) {
		ObjectNode body = ProbeClient.json.createObjectNode()
			.put("model", model)
			.put("query", "What is the capital of France?")
			.put("top_n", 2)
			.put("return_documents", false);
		body.putArray("documents").add("Bananas are yellow.").add("Paris is the capital of France.");
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
