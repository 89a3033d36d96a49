package dev.customllm.internal.embedding;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * One entry of {@code data} in an embeddings answer.
 *
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record EmbeddingItem(@Nullable Integer index,
		@JsonDeserialize(using = VectorDeserializer.class) float @Nullable [] embedding) {

}
