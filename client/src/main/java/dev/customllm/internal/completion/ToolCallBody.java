package dev.customllm.internal.completion;

import dev.customllm.completion.ToolCall;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;

/**
 * One entry of {@code tool_calls} in an answer.
 *
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ToolCallBody(@Nullable String id, @Nullable String type, @Nullable FunctionCallBody function) {

	static ToolCallBody of(ToolCall call) {
		return new ToolCallBody(call.id(), "function", new FunctionCallBody(call.name(), call.arguments()));
	}

	ToolCall toToolCall(LlmOperation operation) {
		if (this.id == null || this.function == null || this.function.name() == null) {
			throw new LlmResponseException(operation, "tool call without id or function name");
		}
		String arguments = (this.function.arguments() != null) ? this.function.arguments() : "{}";
		return new ToolCall(this.id, this.function.name(), arguments);
	}

}
