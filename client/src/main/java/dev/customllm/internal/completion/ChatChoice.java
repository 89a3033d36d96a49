package dev.customllm.internal.completion;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code choices} in a chat answer.
 *
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ChatChoice(@Nullable Integer index, @Nullable ChatChoiceMessage message,
		@JsonProperty("finish_reason") @Nullable String finishReason, @Nullable LogprobsBody logprobs) {

	ChatChoice(@Nullable Integer index, @Nullable ChatChoiceMessage message, @Nullable String finishReason) {
		this(index, message, finishReason, null);
	}

}
