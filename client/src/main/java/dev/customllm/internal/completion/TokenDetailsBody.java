package dev.customllm.internal.completion;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The details of a token count: {@code prompt_tokens_details} and
 * {@code completion_tokens_details} of a chat answer's usage (the Responses API's
 * {@code input_tokens_details} and {@code output_tokens_details} have the same members).
 *
 * @param cachedTokens input tokens read from the service's prompt cache, if reported
 * @param reasoningTokens output tokens spent reasoning, if reported
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record TokenDetailsBody(@JsonProperty("cached_tokens") @Nullable Integer cachedTokens,
		@JsonProperty("reasoning_tokens") @Nullable Integer reasoningTokens) {

	static @Nullable Integer cached(@Nullable TokenDetailsBody details) {
		return (details != null) ? details.cachedTokens : null;
	}

	static @Nullable Integer reasoning(@Nullable TokenDetailsBody details) {
		return (details != null) ? details.reasoningTokens : null;
	}

}
