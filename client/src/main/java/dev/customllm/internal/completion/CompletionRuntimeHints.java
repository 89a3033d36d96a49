package dev.customllm.internal.completion;

import org.jspecify.annotations.Nullable;

import dev.customllm.internal.json.WireTypeHints;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Runtime hints for the wire types of completions.
 *
 * @author Custom LLM team
 */
class CompletionRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		WireTypeHints.register(hints, ChatCompletionBody.class, MessageBody.class, StreamOptions.class, ToolBody.class,
				ToolBody.Function.class, ToolCallBody.class, FunctionCallBody.class, ChatCompletionResult.class,
				ChatChoice.class, ChatChoiceMessage.class, ChatChunkResult.class, ChatChunkChoice.class,
				ChatChunkDelta.class, ToolCallDelta.class, TextCompletionBody.class, TextCompletionResult.class,
				TextChunkResult.class, TextChoice.class, UsageBody.class, ContentPartBody.class, ImageUrlBody.class,
				ResponseFormatBody.class, JsonSchemaBody.class, TokenDetailsBody.class, LogprobsBody.class,
				TokenLogprobBody.class, TextLogprobsBody.class, ResponsesBody.class, ResponsesBody.Item.class,
				ResponsesBody.Part.class, ResponsesBody.Tool.class, ResponsesBody.Text.class,
				ResponsesBody.Format.class, ResponsesBody.Reasoning.class, ResponsesResult.class,
				ResponsesResult.OutputItem.class, ResponsesResult.ContentBody.class,
				ResponsesResult.IncompleteDetails.class, ResponsesUsageBody.class,
				ResponsesUsageBody.InputDetails.class, ResponsesUsageBody.OutputDetails.class, ResponsesEvent.class,
				ResponsesEvent.FunctionCall.class);
		// named by ChatChunkResult's @JsonDeserialize, created by the mapper
		hints.reflection().registerType(ChatChunkReader.class, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
		hints.reflection().registerType(ResponsesEventReader.class, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
	}

}
