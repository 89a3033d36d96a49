package dev.customllm.sample.summary;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/summarize}.
 *
 * @param text the text to summarize; {@code null} when the client left it out
 * @author Custom LLM team
 */
public record SummarizeRequest(@Nullable String text) {

}
