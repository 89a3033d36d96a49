package dev.customllm.internal.embedding;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /embeddings}.
 *
 * @author Custom LLM team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EmbeddingBody(@Nullable String model, List<String> input, @JsonProperty("encoding_format") String encodingFormat,
		@Nullable Integer dimensions) {

}
