package dev.customllm.agent;

import java.util.List;

import reactor.core.publisher.Mono;

import dev.customllm.BlockingCallException;

/**
 * Documents searchable by meaning. {@link InMemoryVectorIndex} keeps them in memory; a
 * real vector store can implement this interface to stand behind an agent's
 * {@link AgentBuilder#dynamicContext(int, VectorIndex) dynamic context}. Implementations
 * must be thread-safe.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public interface VectorIndex {

	/**
	 * Add documents, embedding them in batches. A document with the id of one already in
	 * the index replaces it.
	 * @param documents the documents
	 */
	void add(List<Document> documents);

	/**
	 * Add one document.
	 * @param document the document
	 */
	default void add(Document document) {
		add(List.of(document));
	}

	/**
	 * Find the documents closest in meaning to a query, without blocking.
	 * @param query the query
	 * @param k how many documents to return at most, at least 1
	 * @return a {@link Mono} of the closest documents, closest first
	 */
	Mono<List<ScoredDocument>> searchAsync(String query, int k);

	/**
	 * Find the documents closest in meaning to a query.
	 * @param query the query
	 * @param k how many documents to return at most, at least 1
	 * @return the closest documents, closest first
	 */
	default List<ScoredDocument> search(String query, int k) {
		BlockingCallException.check("VectorIndex.search(..)", "VectorIndex.searchAsync(..)");
		List<ScoredDocument> documents = searchAsync(query, k).block();
		return (documents != null) ? documents : List.of();
	}

}
