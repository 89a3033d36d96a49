package dev.customllm.internal.completion;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.customllm.completion.Usage;
import dev.customllm.internal.resilience.TokenCount;

/**
 * The {@code usage} object of an answer, with its details when the service reports them.
 *
 * @param promptTokens tokens in the input
 * @param completionTokens tokens in the output
 * @param totalTokens all tokens
 * @param promptDetails {@code prompt_tokens_details}: the cached input tokens
 * @param completionDetails {@code completion_tokens_details}: the reasoning tokens
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record UsageBody(@JsonProperty("prompt_tokens") @Nullable Integer promptTokens,
		@JsonProperty("completion_tokens") @Nullable Integer completionTokens,
		@JsonProperty("total_tokens") @Nullable Integer totalTokens,
		@JsonProperty("prompt_tokens_details") @Nullable TokenDetailsBody promptDetails,
		@JsonProperty("completion_tokens_details") @Nullable TokenDetailsBody completionDetails) {

	UsageBody(@Nullable Integer promptTokens, @Nullable Integer completionTokens, @Nullable Integer totalTokens) {
		this(promptTokens, completionTokens, totalTokens, null, null);
	}

	static @Nullable Long tokens(@Nullable UsageBody body) {
		return (body != null) ? TokenCount.sum(body.promptTokens, body.completionTokens) : null;
	}

	static @Nullable Usage toUsage(@Nullable UsageBody body) {
		if (body == null) {
			return null;
		}
		return usage(body.promptTokens, body.completionTokens, body.totalTokens, body.promptDetails,
				body.completionDetails);
	}

	/**
	 * Map reported counts to a {@link Usage}, shared by the APIs whose usage objects name
	 * them differently.
	 * @param input tokens in the input, if reported
	 * @param output tokens in the output, if reported
	 * @param total all tokens, if reported (else their sum)
	 * @param inputDetails the details of the input tokens (cached tokens), if reported
	 * @param outputDetails the details of the output tokens (reasoning tokens), if
	 * reported
	 * @return the usage, or {@code null} when neither input nor output was reported
	 */
	static @Nullable Usage usage(@Nullable Integer input, @Nullable Integer output, @Nullable Integer total,
			@Nullable TokenDetailsBody inputDetails, @Nullable TokenDetailsBody outputDetails) {
		if (input == null && output == null) {
			return null;
		}
		int prompt = (input != null) ? input : 0;
		int completion = (output != null) ? output : 0;
		Integer cached = TokenDetailsBody.cached(inputDetails);
		Integer reasoning = TokenDetailsBody.reasoning(outputDetails);
		int sum = (total != null) ? total : prompt + completion;
		if (cached == null && reasoning == null) {
			return Usage.of(prompt, completion, sum);
		}
		return Usage.builder()
			.promptTokens(prompt)
			.completionTokens(completion)
			.totalTokens(sum)
			.cachedTokens(cached)
			.reasoningTokens(reasoning)
			.build();
	}

}
