package dev.customllm.completion;

/**
 * A call of a tool (function) that the model asked for.
 *
 * @param id identifier of the call, to be quoted by the tool's result message
 * @param name name of the tool
 * @param arguments arguments as a JSON text, as the model wrote them
 * @author Custom LLM team
 * @since 0.1.0
 */
public record ToolCall(String id, String name, String arguments) {

}
