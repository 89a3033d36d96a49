package dev.customllm.internal.completion;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.customllm.completion.ContentPart;

/**
 * One entry of the {@code content} array of a message with images: {@code text} or
 * {@code image_url}.
 *
 * @author Custom LLM team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ContentPartBody(String type, @Nullable String text, @JsonProperty("image_url") @Nullable ImageUrlBody imageUrl) {

	static ContentPartBody of(ContentPart part) {
		if (part.isImage()) {
			return new ContentPartBody("image_url", null, new ImageUrlBody(part));
		}
		return new ContentPartBody("text", part.text(), null);
	}

}
