package dev.customllm.internal.completion;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonSerialize;

import dev.customllm.completion.ContentPart;

/**
 * The {@code image_url} of an image content part: written by {@link ImageUrlWriter},
 * which encodes an image given by its bytes straight into the body.
 *
 * @param part the image part
 * @author Custom LLM team
 */
@JsonSerialize(using = ImageUrlWriter.class)
record ImageUrlBody(ContentPart part) {

	/**
	 * Return the URL given, for an image not given by its bytes.
	 * @return the URL, or {@code null} for an image given by its bytes
	 */
	@Nullable String url() {
		return (this.part.imageData() != null) ? null : this.part.imageUrl();
	}

}
