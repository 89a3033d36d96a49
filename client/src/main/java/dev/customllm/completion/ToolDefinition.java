package dev.customllm.completion;

import tools.jackson.databind.JsonNode;

/**
 * A tool (function) the model may call, as offered in a chat request's {@code tools}.
 *
 * @param name name of the function, as the model will quote it
 * @param description what the function does and when to call it
 * @param parameters JSON Schema of the function's arguments, an object schema
 * @author Custom LLM team
 */
public record ToolDefinition(String name, String description, JsonNode parameters) {

	public ToolDefinition {
		if (name == null || !name.matches("[a-zA-Z0-9_-]{1,64}")) {
			throw new IllegalArgumentException(
					"tool name must be 1 to 64 letters, digits, '_' or '-', but was '" + name + "'");
		}
		if (description == null) {
			throw new IllegalArgumentException("tool description must not be null (tool " + name + ")");
		}
		if (parameters == null || !parameters.isObject()) {
			throw new IllegalArgumentException("tool parameters must be a JSON Schema object (tool " + name + ")");
		}
	}

}
