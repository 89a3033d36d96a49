package dev.customllm.sample.assistant;

import dev.customllm.agent.Agent;
import dev.customllm.agent.AgentBuilder;
import dev.customllm.agent.Tools;
import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.CompletionModel;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

/**
 * Answers questions about the bundled corpus through an {@link Agent}: the documents most
 * similar to the question as context, and a tool to look up a document by id. Answers
 * come whole or streamed as they are written.
 *
 * @author Custom LLM team
 */
@Service
public class AssistantService {

	static final String INSTRUCTIONS = "You are a helpful assistant. Answer the question clearly and briefly. "
			+ "Use lookup_document to read a document in full when its excerpt is not enough.";

	static final int MAX_TOKENS = 500;

	static final int CONTEXT_DOCUMENTS = 3;

	private final Agent agent;

	AssistantService(CompletionModel completionModel, CorpusIndex corpus, DocumentLookup lookup) {
		this.agent = AgentBuilder.of(completionModel)
			.preamble(INSTRUCTIONS)
			.maxTokens(MAX_TOKENS)
			.dynamicContext(CONTEXT_DOCUMENTS, corpus)
			.tools(Tools.fromAnnotated(lookup))
			.build();
	}

	/**
	 * Answer a question.
	 * @param question the question
	 * @return a {@link Mono} of the answer
	 * @throws IllegalArgumentException if the question is {@code null} or blank
	 */
	public Mono<String> answer(@Nullable String question) {
		return this.agent.promptAsync(checked(question));
	}

	/**
	 * Stream the answer to a question, with the model's reasoning when it is a reasoning
	 * model.
	 * @param question the question
	 * @return the chunks of the answer (pieces of text or of reasoning), the last one
	 * with the finish reason
	 * @throws IllegalArgumentException if the question is {@code null} or blank
	 */
	public Flux<CompletionChunk> streamAnswer(@Nullable String question) {
		return this.agent.streamChunks(checked(question));
	}

	private static String checked(@Nullable String question) {
		if (!StringUtils.hasText(question)) {
			throw new IllegalArgumentException("question must not be blank");
		}
		return question;
	}

}
