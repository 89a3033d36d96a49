package dev.customllm.sample.assistant;

import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

/**
 * Answers questions with the {@link CompletionModel}, streaming the answer as it is
 * written.
 *
 * @author Custom LLM team
 */
@Service
public class AssistantService {

	static final String INSTRUCTIONS = "You are a helpful assistant. Answer the question clearly and briefly.";

	static final int MAX_TOKENS = 500;

	private final CompletionModel completionModel;

	public AssistantService(CompletionModel completionModel) {
		this.completionModel = completionModel;
	}

	/**
	 * Stream the answer to a question.
	 * @param question the question
	 * @return the chunks of the answer, the last one with the finish reason
	 * @throws IllegalArgumentException if the question is {@code null} or blank
	 */
	public Flux<CompletionChunk> streamAnswer(@Nullable String question) {
		if (!StringUtils.hasText(question)) {
			throw new IllegalArgumentException("question must not be blank");
		}
		CompletionRequest request = CompletionRequest.builder()
			.system(INSTRUCTIONS)
			.prompt(question)
			.maxTokens(MAX_TOKENS)
			.build();
		return this.completionModel.stream(request);
	}

}
