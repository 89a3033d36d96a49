package dev.customllm.internal.completion;

import dev.customllm.internal.resilience.TokenCount;
import dev.customllm.completion.CompletionResponse;
import dev.customllm.completion.ToolCall;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;

/**
 * Answer of {@code POST /chat/completions}.
 *
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ChatCompletionResult(@Nullable String id, @Nullable String model, @Nullable List<ChatChoice> choices,
		@Nullable UsageBody usage) implements TokenCount {

	CompletionResponse toResponse() {
		ChatChoice choice = Choices.first(LlmOperation.CHAT, this.choices, ChatChoice::index);
		ChatChoiceMessage message = choice.message();
		if (message == null) {
			throw new LlmResponseException(LlmOperation.CHAT, "choice has no message");
		}
		List<ToolCall> toolCalls = (message.toolCalls() != null)
				? message.toolCalls().stream().map((call) -> call.toToolCall(LlmOperation.CHAT)).toList() : List.of();
		String text = (message.content() != null) ? message.content() : "";
		String reasoning = ChatChoiceMessage.reasoning(message.reasoningContent(), message.reasoning());
		if (text.isEmpty() && toolCalls.isEmpty()) {
			throw new LlmResponseException(LlmOperation.CHAT,
					"answer has no text and no tool calls (" + FinishReasons.describe(choice.finishReason())
							+ ((reasoning != null && !reasoning.isEmpty()) ? ", after reasoning only" : "") + ")");
		}
		return CompletionResponse.builder()
			.id(this.id)
			.model(this.model)
			.text(text)
			.finishReason(choice.finishReason())
			.usage(UsageBody.toUsage(this.usage))
			.toolCalls(toolCalls)
			.reasoning(reasoning)
			.logprobs(TokenLogprobBody.toLogprobs(LlmOperation.CHAT, LogprobsBody.content(choice.logprobs())))
			.build();
	}

	@Override
	public @Nullable Long usedTokens() {
		return UsageBody.tokens(this.usage);
	}

}
