package dev.customllm.internal.rerank;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

import dev.customllm.internal.resilience.TokenCount;

/**
 * Answer of {@code POST /rerank}.
 *
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record RerankResult(@Nullable List<RerankItem> results, @Nullable String model,
		@Nullable RerankUsage usage) implements TokenCount {

	@Override
	public @Nullable Long usedTokens() {
		return (this.usage != null) ? this.usage.tokens() : null;
	}

}
