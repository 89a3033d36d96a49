package dev.customllm.rerank;

import java.util.List;

import reactor.core.publisher.Mono;

import dev.customllm.BlockingCallException;

/**
 * A model that orders documents by their relevance to a query, such as a cross-encoder
 * served at {@code POST {base-url}/rerank} (vLLM, llama.cpp, Infinity, Jina- and
 * Cohere-compatible services). Thread-safe.
 *
 * <pre class="code">
 * RerankModel reranker = client.rerankModel("BAAI/bge-reranker-v2-m3");
 * List&lt;RankedDocument&gt; best = reranker.rerank("How do I return an order?", candidates, 3);
 * </pre>
 *
 * <p>
 * Every failure is an {@link dev.customllm.LlmException}; invalid input is an
 * {@link IllegalArgumentException} raised before any HTTP call.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public interface RerankModel {

	/**
	 * Rank all documents, blocking until the answer arrives.
	 * @param query the query
	 * @param documents the documents
	 * @return every document, most relevant first
	 */
	default List<RankedDocument> rerank(String query, List<String> documents) {
		return rerank(query, documents, Integer.MAX_VALUE);
	}

	/**
	 * Return the most relevant documents, blocking until the answer arrives.
	 * @param query the query
	 * @param documents the documents
	 * @param topN how many documents to return, at least 1; all when there are fewer
	 * @return the {@code topN} most relevant documents, most relevant first
	 */
	default List<RankedDocument> rerank(String query, List<String> documents, int topN) {
		BlockingCallException.check("RerankModel.rerank(..)", "RerankModel.rerankAsync(..)");
		List<RankedDocument> ranked = rerankAsync(query, documents, topN).block();
		if (ranked == null) {
			throw new IllegalStateException("rerankAsync completed without an answer");
		}
		return ranked;
	}

	/**
	 * Rank all documents without blocking.
	 * @param query the query
	 * @param documents the documents
	 * @return a {@link Mono} of every document, most relevant first
	 */
	default Mono<List<RankedDocument>> rerankAsync(String query, List<String> documents) {
		return rerankAsync(query, documents, Integer.MAX_VALUE);
	}

	/**
	 * Return the most relevant documents without blocking. Documents beyond the batch
	 * size are ranked in several requests and the results merged by score.
	 * @param query the query
	 * @param documents the documents
	 * @param topN how many documents to return, at least 1; all when there are fewer
	 * @return a {@link Mono} of the {@code topN} most relevant documents, most relevant
	 * first (ties in input order)
	 */
	Mono<List<RankedDocument>> rerankAsync(String query, List<String> documents, int topN);

}
