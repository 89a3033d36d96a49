package dev.customllm.internal.rerank;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.customllm.internal.resilience.TokenCount;

/**
 * The {@code usage} object of a rerank answer.
 *
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record RerankUsage(@JsonProperty("prompt_tokens") @Nullable Integer promptTokens,
		@JsonProperty("total_tokens") @Nullable Integer totalTokens) {

	@Nullable Long tokens() {
		return TokenCount.sum((this.totalTokens != null) ? this.totalTokens : this.promptTokens, null);
	}

}
