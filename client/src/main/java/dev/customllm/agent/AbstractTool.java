package dev.customllm.agent;

import tools.jackson.databind.JsonNode;

/**
 * Base of the built-in {@link Tool}s: the name, description and schema, checked once when
 * the tool is made.
 *
 * @author Custom LLM team
 */
abstract class AbstractTool implements Tool {

	private final String name;

	private final String description;

	private final JsonNode parameters;

	AbstractTool(String name, String description, JsonNode parameters) {
		this.name = name;
		this.description = description;
		this.parameters = parameters;
		definition();
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String description() {
		return this.description;
	}

	@Override
	public JsonNode parameters() {
		return this.parameters;
	}

}
