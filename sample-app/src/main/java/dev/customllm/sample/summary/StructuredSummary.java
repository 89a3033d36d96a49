package dev.customllm.sample.summary;

import java.util.List;

/**
 * Answer of {@code POST /api/summarize?structured=true}, and the type the model's answer
 * is read as.
 *
 * @param summary the summary of the text
 * @param keywords the text's main keywords
 * @author Custom LLM team
 */
public record StructuredSummary(String summary, List<String> keywords) {

}
