package dev.customllm.internal.rerank;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /rerank}. The documents are not asked back: the client has them.
 *
 * @author Custom LLM team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RerankBody(@Nullable String model, String query, List<String> documents, @JsonProperty("top_n") int topN,
		@JsonProperty("return_documents") boolean returnDocuments) {

}
