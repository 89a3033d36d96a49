package dev.customllm.internal.completion;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

import dev.customllm.completion.CompletionChunk;
import dev.customllm.internal.http.AnswerOutcome;
import dev.customllm.internal.resilience.TokenCount;

/**
 * One event of a streamed {@code POST /responses} answer, as much of it as the client
 * uses, read by {@link ResponsesEventReader} without building the rest (the whole
 * response that {@code response.completed} repeats is skipped but for its model, status,
 * usage and whether it calls functions).
 *
 * @param type the event's {@code type}
 * @param model the model, from the {@code response} of a lifecycle event
 * @param delta the text, reasoning or arguments a delta event adds
 * @param outputIndex the index of the output item the event is about
 * @param summaryIndex the index of a reasoning summary part
 * @param item the function call an output item event adds or finishes, or {@code null}
 * for any other item
 * @param arguments the whole arguments of {@code response.function_call_arguments.done}
 * @param usage the usage of the finished response
 * @param finishReason the chat finish reason matching the finished response's status
 * @param error the error of {@code error} and {@code response.failed}, as a JSON body
 * @author Custom LLM team
 */
@JsonDeserialize(using = ResponsesEventReader.class)
record ResponsesEvent(String type, @Nullable String model, @Nullable String delta, @Nullable Integer outputIndex,
		@Nullable Integer summaryIndex, @Nullable FunctionCall item, @Nullable String arguments,
		@Nullable ResponsesUsageBody usage, @Nullable String finishReason,
		byte @Nullable [] error) implements StreamedResult, TokenCount, AnswerOutcome {

	@Override
	public @Nullable CompletionChunk addTo(ChunkAssembler assembler) {
		assembler.model(this.model);
		return switch (this.type) {
			case "response.output_text.delta" -> assembler.text(this.delta);
			case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" ->
				assembler.reasoning(this.delta);
			case "response.reasoning_summary_part.added" ->
				(this.summaryIndex != null && this.summaryIndex > 0) ? assembler.reasoning("\n\n") : null;
			case "response.output_item.added", "response.output_item.done" -> {
				FunctionCall call = this.item;
				if (call != null) {
					assembler.toolCalls(List.of(new ToolCallDelta(this.outputIndex, call.callId(),
							new FunctionCallBody(call.name(), null))));
					assembler.toolCallArguments(this.outputIndex, call.arguments());
				}
				yield null;
			}
			case "response.function_call_arguments.delta" -> {
				assembler.toolCalls(
						List.of(new ToolCallDelta(this.outputIndex, null, new FunctionCallBody(null, this.delta))));
				yield null;
			}
			case "response.function_call_arguments.done" -> {
				assembler.toolCallArguments(this.outputIndex, this.arguments);
				yield null;
			}
			case "response.completed", "response.incomplete" -> {
				assembler.usage(ResponsesUsageBody.toUsage(this.usage)).finishReason(this.finishReason);
				yield null;
			}
			default -> null;
		};
	}

	@Override
	public boolean carriesContent() {
		return switch (this.type) {
			case "response.output_text.delta", "response.reasoning_summary_text.delta", "response.reasoning_text.delta",
					"response.function_call_arguments.delta" ->
				this.delta != null && !this.delta.isEmpty();
			case "response.output_item.added", "response.output_item.done" -> this.item != null;
			case "response.function_call_arguments.done" -> this.arguments != null && !this.arguments.isEmpty();
			case "response.completed", "response.incomplete" -> true;
			default -> false;
		};
	}

	@Override
	public boolean endsStream() {
		return "response.completed".equals(this.type) || "response.incomplete".equals(this.type);
	}

	@Override
	public @Nullable Long usedTokens() {
		return ResponsesUsageBody.tokens(this.usage);
	}

	/**
	 * A function call output item.
	 *
	 * @param callId its {@code call_id}
	 * @param name the function it calls
	 * @param arguments its arguments so far, if any
	 */
	record FunctionCall(@Nullable String callId, @Nullable String name, @Nullable String arguments) {

	}

}
