package dev.customllm.sample.summary;

/**
 * Answer of {@code POST /api/summarize}.
 *
 * @param summary the summary of the text
 * @author Custom LLM team
 */
public record SummarizeResponse(String summary) {

}
