package dev.customllm.embedding;

import java.util.List;

import reactor.core.publisher.Mono;

import dev.customllm.BlockingCallException;

/**
 * A model that turns texts into vectors. Thread-safe.
 *
 * <p>
 * Every failure is an {@link dev.customllm.LlmException}; invalid input is an
 * {@link IllegalArgumentException} raised before any HTTP call.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public interface EmbeddingModel {

	/**
	 * Embed one text, blocking until the vector arrives.
	 * @param text the text
	 * @return its embedding
	 */
	default Embedding embed(String text) {
		return embedAll(List.of(text)).get(0);
	}

	/**
	 * Embed many texts in batches, blocking until all vectors arrive.
	 * @param texts the texts
	 * @return their embeddings, in the order of the texts
	 */
	default List<Embedding> embedAll(List<String> texts) {
		BlockingCallException.check("EmbeddingModel.embed(..) or embedAll(..)",
				"EmbeddingModel.embedAsync(String) or embedAllAsync(List)");
		List<Embedding> embeddings = embedAllAsync(texts).block();
		if (embeddings == null) {
			throw new IllegalStateException("embedAllAsync completed without an answer");
		}
		return embeddings;
	}

	/**
	 * Embed one text without blocking.
	 * @param text the text
	 * @return a {@link Mono} of its embedding
	 */
	default Mono<Embedding> embedAsync(String text) {
		return Mono.fromCallable(() -> List.of(text)).flatMap(this::embedAllAsync).map((list) -> list.get(0));
	}

	/**
	 * Embed many texts in batches without blocking.
	 * @param texts the texts
	 * @return a {@link Mono} of their embeddings, in the order of the texts
	 */
	Mono<List<Embedding>> embedAllAsync(List<String> texts);

}
