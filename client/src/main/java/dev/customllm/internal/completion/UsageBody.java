package dev.customllm.internal.completion;

import dev.customllm.completion.Usage;
import dev.customllm.internal.resilience.TokenCount;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The {@code usage} object of an answer.
 *
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record UsageBody(@JsonProperty("prompt_tokens") @Nullable Integer promptTokens,
		@JsonProperty("completion_tokens") @Nullable Integer completionTokens,
		@JsonProperty("total_tokens") @Nullable Integer totalTokens) {

	static @Nullable Long tokens(@Nullable UsageBody body) {
		return (body != null) ? TokenCount.sum(body.promptTokens, body.completionTokens) : null;
	}

	static @Nullable Usage toUsage(@Nullable UsageBody body) {
		if (body == null || (body.promptTokens == null && body.completionTokens == null)) {
			return null;
		}
		int prompt = (body.promptTokens != null) ? body.promptTokens : 0;
		int completion = (body.completionTokens != null) ? body.completionTokens : 0;
		return Usage.of(prompt, completion, (body.totalTokens != null) ? body.totalTokens : prompt + completion);
	}

}
