package dev.customllm.sample.summary;

import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.CompletionResponse;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

/**
 * Summarizes texts with the {@link CompletionModel}.
 *
 * @author Custom LLM team
 */
@Service
public class SummaryService {

	static final String INSTRUCTIONS = "Summarize the user's text in one or two sentences. "
			+ "Reply with the summary only.";

	static final String STRUCTURED_INSTRUCTIONS = "Summarize the user's text in one or two sentences, "
			+ "and list its three to five main keywords.";

	static final int MAX_TOKENS = 200;

	private final CompletionModel completionModel;

	public SummaryService(@Qualifier("chat") CompletionModel completionModel) {
		this.completionModel = completionModel;
	}

	/**
	 * Summarize a text.
	 * @param text the text
	 * @return a {@link Mono} of the summary
	 * @throws IllegalArgumentException if the text is {@code null} or blank
	 */
	public Mono<String> summarize(@Nullable String text) {
		CompletionRequest request = request(INSTRUCTIONS, text).build();
		return this.completionModel.completeAsync(request).map(CompletionResponse::text).map(String::strip);
	}

	/**
	 * Summarize a text and list its keywords: the model is asked for the JSON Schema of
	 * {@link StructuredSummary}, and its answer is checked and read as one.
	 * @param text the text
	 * @return a {@link Mono} of the summary and keywords
	 * @throws IllegalArgumentException if the text is {@code null} or blank
	 */
	public Mono<StructuredSummary> summarizeStructured(@Nullable String text) {
		CompletionRequest request = request(STRUCTURED_INSTRUCTIONS, text).repairAttempts(1).build();
		return this.completionModel.completeAsync(request, StructuredSummary.class);
	}

	private static CompletionRequest.Builder request(String instructions, @Nullable String text) {
		if (!StringUtils.hasText(text)) {
			throw new IllegalArgumentException("text must not be blank");
		}
		return CompletionRequest.builder().system(instructions).prompt(text).maxTokens(MAX_TOKENS);
	}

}
