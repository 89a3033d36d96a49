package dev.customllm.internal.http;

import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * Answer of {@code GET /models}.
 *
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelList(@Nullable List<Entry> data) {

	public List<String> ids() {
		if (this.data == null) {
			throw new LlmResponseException(LlmOperation.MODELS, "answer has no data");
		}
		return this.data.stream().filter((entry) -> entry != null && entry.id() != null).map(Entry::id).toList();
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Entry(@Nullable String id) {

	}

}
