package dev.customllm.internal.completion;

import dev.customllm.completion.ToolDefinition;
import tools.jackson.databind.JsonNode;

/**
 * One entry of {@code tools} in a chat request.
 *
 * @author Custom LLM team
 */
record ToolBody(String type, Function function) {

	static ToolBody of(ToolDefinition definition) {
		return new ToolBody("function",
				new Function(definition.name(), definition.description(), definition.parameters()));
	}

	/**
	 * The {@code function} of a tool.
	 *
	 * @param name the function's name
	 * @param description what it does
	 * @param parameters JSON Schema of its arguments
	 */
	record Function(String name, String description, JsonNode parameters) {

	}

}
