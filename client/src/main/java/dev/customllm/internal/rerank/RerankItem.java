package dev.customllm.internal.rerank;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One entry of {@code results} in a rerank answer: the position of a document in the
 * request and its score ({@code relevance_score}, or {@code score} as some servers name
 * it).
 *
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record RerankItem(@Nullable JsonNode index, @JsonProperty("relevance_score") @Nullable Double relevanceScore,
		@Nullable Double score) {

	@Nullable Double anyScore() {
		return (this.relevanceScore != null) ? this.relevanceScore : this.score;
	}

}
