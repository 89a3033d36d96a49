package dev.customllm.test;

/**
 * A tool call for the simulator to answer with, see
 * {@link CompletionStub#callsTools(ToolCallStub...)}.
 *
 * @param name the name of the function to call
 * @param argumentsJson the arguments as a JSON object, for example
 * {@code {"city":"Paris"}}
 * @author Custom LLM team
 * @since 0.1.0
 */
public record ToolCallStub(String name, String argumentsJson) {

	/**
	 * Create a tool call.
	 * @param name the name of the function to call
	 * @param argumentsJson the arguments as a JSON object
	 * @return the tool call
	 */
	public static ToolCallStub of(String name, String argumentsJson) {
		return new ToolCallStub(name, argumentsJson);
	}

}
