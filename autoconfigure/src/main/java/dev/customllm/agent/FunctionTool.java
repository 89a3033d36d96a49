package dev.customllm.agent;

import tools.jackson.databind.JsonNode;

/**
 * A {@link Tool} made of a name, a schema and a {@link Tool.Handler}.
 *
 * @param <T> the type of the arguments
 * @author Custom LLM team
 */
final class FunctionTool<T> implements Tool {

	private final String name;

	private final String description;

	private final JsonNode parameters;

	private final Class<T> argumentsType;

	private final Handler<T> handler;

	FunctionTool(String name, String description, JsonNode parameters, Class<T> argumentsType, Handler<T> handler) {
		this.name = name;
		this.description = description;
		this.parameters = parameters.deepCopy();
		this.argumentsType = argumentsType;
		this.handler = handler;
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

	@Override
	public Object call(JsonNode arguments) throws Exception {
		return this.handler.call(ToolJson.bind(arguments, this.argumentsType));
	}

	@Override
	public String toString() {
		return "Tool[" + this.name + "]";
	}

}
