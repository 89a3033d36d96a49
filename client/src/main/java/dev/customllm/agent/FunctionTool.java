package dev.customllm.agent;

import tools.jackson.databind.JsonNode;

/**
 * A {@link Tool} made of a name, a schema and a {@link Tool.Handler}.
 *
 * @param <T> the type of the arguments
 * @author Custom LLM team
 */
final class FunctionTool<T> extends AbstractTool {

	private final Class<T> argumentsType;

	private final Handler<T> handler;

	FunctionTool(String name, String description, JsonNode parameters, Class<T> argumentsType, Handler<T> handler) {
		super(name, description, parameters.deepCopy());
		this.argumentsType = argumentsType;
		this.handler = handler;
	}

	@Override
	public Object call(JsonNode arguments) throws Exception {
		return this.handler.call(ToolJson.bind(arguments, this.argumentsType));
	}

	@Override
	public String toString() {
		return "Tool[" + name() + "]";
	}

}
