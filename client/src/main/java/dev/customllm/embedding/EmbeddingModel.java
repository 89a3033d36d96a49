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

	/**
	 * Embed many texts in batches, blocking until all vectors arrive, and hand the
	 * vectors over as arrays the caller owns: for code whose next step takes a
	 * {@code float[]}, such as a vector store's API. Each array is handed over once, to
	 * this caller only, and may be changed or kept. The client's own model hands over the
	 * arrays it parsed the answer into, without a copy; the default copies each vector
	 * once from {@link #embedAllAsync(List)}.
	 * @param texts the texts
	 * @return their vectors, in the order of the texts
	 */
	default List<float[]> embedAllVectors(List<String> texts) {
		List<float[]> vectors = embedAllVectorsAsync(texts).block();
		if (vectors == null) {
			throw new IllegalStateException("embedAllVectorsAsync completed without an answer");
		}
		return vectors;
	}

	/**
	 * Embed many texts in batches without blocking, and hand the vectors over as arrays
	 * the caller owns, as {@link #embedAllVectors(List)} does.
	 * @param texts the texts
	 * @return a {@link Mono} of their vectors, in the order of the texts
	 */
	default Mono<List<float[]>> embedAllVectorsAsync(List<String> texts) {
		return embedAllAsync(texts).map((embeddings) -> embeddings.stream().map(Embedding::vector).toList());
	}

}
