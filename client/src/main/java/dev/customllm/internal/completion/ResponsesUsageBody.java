package dev.customllm.internal.completion;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.customllm.completion.Usage;
import dev.customllm.internal.resilience.TokenCount;

/**
 * The {@code usage} of a Responses API answer: {@code input_tokens},
 * {@code output_tokens} and {@code total_tokens}, with the cached input tokens and the
 * reasoning output tokens in their details.
 *
 * @param inputTokens the input tokens
 * @param outputTokens the output tokens, reasoning included
 * @param totalTokens the total
 * @param inputDetails the details of the input tokens
 * @param outputDetails the details of the output tokens
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ResponsesUsageBody(@JsonProperty("input_tokens") @Nullable Integer inputTokens,
		@JsonProperty("output_tokens") @Nullable Integer outputTokens,
		@JsonProperty("total_tokens") @Nullable Integer totalTokens,
		@JsonProperty("input_tokens_details") @Nullable InputDetails inputDetails,
		@JsonProperty("output_tokens_details") @Nullable OutputDetails outputDetails) {

	static @Nullable Long tokens(@Nullable ResponsesUsageBody body) {
		return (body != null) ? TokenCount.sum(body.inputTokens, body.outputTokens) : null;
	}

	static @Nullable Usage toUsage(@Nullable ResponsesUsageBody body) {
		if (body == null || (body.inputTokens == null && body.outputTokens == null)) {
			return null;
		}
		int input = (body.inputTokens != null) ? body.inputTokens : 0;
		int output = (body.outputTokens != null) ? body.outputTokens : 0;
		return Usage.builder()
			.promptTokens(input)
			.completionTokens(output)
			.totalTokens((body.totalTokens != null) ? body.totalTokens : input + output)
			.cachedTokens((body.inputDetails != null) ? body.inputDetails.cachedTokens() : null)
			.reasoningTokens((body.outputDetails != null) ? body.outputDetails.reasoningTokens() : null)
			.build();
	}

	/**
	 * The {@code input_tokens_details}.
	 *
	 * @param cachedTokens the input tokens read from the prompt cache
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record InputDetails(@JsonProperty("cached_tokens") @Nullable Integer cachedTokens) {

	}

	/**
	 * The {@code output_tokens_details}.
	 *
	 * @param reasoningTokens the output tokens spent reasoning
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record OutputDetails(@JsonProperty("reasoning_tokens") @Nullable Integer reasoningTokens) {

	}

}
