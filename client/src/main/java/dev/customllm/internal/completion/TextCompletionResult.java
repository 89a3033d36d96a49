package dev.customllm.internal.completion;

import dev.customllm.internal.resilience.TokenCount;
import dev.customllm.completion.CompletionResponse;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;

/**
 * Answer of {@code POST /completions}.
 *
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record TextCompletionResult(@Nullable String id, @Nullable String model, @Nullable List<TextChoice> choices,
		@Nullable UsageBody usage) implements TokenCount {

	CompletionResponse toResponse() {
		TextChoice choice = Choices.first(LlmOperation.TEXT_COMPLETION, this.choices, TextChoice::index);
		if (choice.text() == null || choice.text().isEmpty()) {
			throw new LlmResponseException(LlmOperation.TEXT_COMPLETION,
					"answer has no text (" + FinishReasons.describe(choice.finishReason()) + ")");
		}
		return CompletionResponse.builder()
			.id(this.id)
			.model(this.model)
			.text(choice.text())
			.finishReason(choice.finishReason())
			.usage(UsageBody.toUsage(this.usage))
			.logprobs(TextLogprobsBody.toLogprobs(choice.logprobs()))
			.build();
	}

	@Override
	public @Nullable Long usedTokens() {
		return UsageBody.tokens(this.usage);
	}

}
