package dev.customllm.internal.completion;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The {@code image_url} of an image content part.
 *
 * @param url the URL of the image, or a {@code data:} URL of its bytes
 * @param detail {@code auto}, {@code low} or {@code high}, if asked
 * @author Custom LLM team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ImageUrlBody(String url, @Nullable String detail) {

}
