package dev.customllm.agent;

import tools.jackson.databind.JsonNode;

import dev.customllm.completion.ToolDefinition;

/**
 * A tool (function) an agent offers to its model: a name, a description, the JSON Schema
 * of its arguments and the call itself. The agent checks the arguments against the schema
 * before calling; whatever goes wrong (bad arguments, an exception) is reported to the
 * model as an error result rather than failing the conversation.
 *
 * <pre class="code">
 * record Lookup(String id) {
 * }
 * Tool lookup = Tool.of("lookup_document", "Return the document with this id", Lookup.class,
 *         (arguments) -&gt; documents.get(arguments.id()));
 * </pre>
 *
 * Annotated methods of a bean become tools with {@link Tools#fromAnnotated(Object)}.
 *
 * @author Custom LLM team
 * @see LlmTool
 * @since 0.1.0
 */
public interface Tool {

	/**
	 * Return the name the model calls the tool by.
	 * @return the name: letters, digits, {@code _} or {@code -}
	 */
	String name();

	/**
	 * Return what the tool does and when to use it, for the model.
	 * @return the description
	 */
	String description();

	/**
	 * Return the JSON Schema of the arguments.
	 * @return an object schema
	 */
	JsonNode parameters();

	/**
	 * Call the tool.
	 * @param arguments the arguments, a JSON object that matches {@link #parameters()}
	 * @return the result: a {@link String} is sent as it is, anything else as JSON
	 * @throws Exception if the tool fails; the model is told
	 */
	Object call(JsonNode arguments) throws Exception;

	/**
	 * Return the definition sent to the model.
	 * @return the definition
	 */
	default ToolDefinition definition() {
		return ToolDefinition.of(name(), description(), parameters());
	}

	/**
	 * Create a tool whose arguments are a Java type, typically a record; the schema is
	 * generated from the type.
	 * @param <T> the type of the arguments
	 * @param name the tool's name
	 * @param description what it does
	 * @param argumentsType the type the arguments are read as
	 * @param handler the call
	 * @return the tool
	 */
	static <T> Tool of(String name, String description, Class<T> argumentsType, Handler<T> handler) {
		return new FunctionTool<>(name, description, ToolSchemas.forType(argumentsType), argumentsType, handler);
	}

	/**
	 * Create a tool with a schema of its own that reads its arguments as JSON.
	 * @param name the tool's name
	 * @param description what it does
	 * @param parameters the JSON Schema of the arguments, an object schema
	 * @param handler the call
	 * @return the tool
	 */
	static Tool of(String name, String description, JsonNode parameters, Handler<JsonNode> handler) {
		return new FunctionTool<>(name, description, parameters, JsonNode.class, handler);
	}

	/**
	 * The call of a tool.
	 *
	 * @param <T> the type of the arguments
	 */
	@FunctionalInterface
	interface Handler<T> {

		/**
		 * Call the tool.
		 * @param arguments the arguments
		 * @return the result: a {@link String} is sent as it is, anything else as JSON
		 * @throws Exception if the tool fails; the model is told
		 */
		Object call(T arguments) throws Exception;

	}

}
