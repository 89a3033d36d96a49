package dev.customllm.completion;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The answer to a completion request.
 *
 * @param id identifier the service gave the answer, if any
 * @param model model that produced the answer, as the service named it, if it did
 * @param text text of the answer; empty only when the model asked for tool calls instead
 * @param finishReason why the model stopped ({@code stop}, {@code length},
 * {@code tool_calls}, ...), if the service said
 * @param usage token counts, or {@code null} when the service reported none
 * @param toolCalls tool calls the model asked for, possibly empty
 * @author Custom LLM team
 */
public record CompletionResponse(@Nullable String id, @Nullable String model, String text,
		@Nullable String finishReason, @Nullable Usage usage, List<ToolCall> toolCalls) {

	public CompletionResponse {
		toolCalls = List.copyOf(toolCalls);
	}

}
