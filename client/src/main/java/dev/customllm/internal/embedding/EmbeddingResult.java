package dev.customllm.internal.embedding;

import dev.customllm.internal.resilience.TokenCount;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * Answer of {@code POST /embeddings}.
 *
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record EmbeddingResult(@Nullable List<EmbeddingItem> data, @Nullable String model,
		@Nullable EmbeddingUsage usage) implements TokenCount {

	@Override
	public @Nullable Long usedTokens() {
		return (this.usage != null) ? TokenCount.sum(this.usage.promptTokens(), null) : null;
	}

}
