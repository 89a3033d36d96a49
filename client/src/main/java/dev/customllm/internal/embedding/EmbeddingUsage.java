package dev.customllm.internal.embedding;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The {@code usage} object of an embeddings answer.
 *
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record EmbeddingUsage(@JsonProperty("prompt_tokens") @Nullable Integer promptTokens) {

}
