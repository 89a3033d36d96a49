package dev.customllm.sample.search;

import dev.customllm.embedding.Embedding;

/**
 * A corpus document with its embedding.
 *
 * @param document the document
 * @param embedding its embedding
 * @author Custom LLM team
 */
record EmbeddedDocument(CorpusDocument document, Embedding embedding) {

	/**
	 * Score this document against a query.
	 * @param query the query's embedding
	 * @return the search result, scored by cosine similarity
	 */
	SearchResult scoreAgainst(Embedding query) {
		return new SearchResult(this.document.id(), this.document.title(), this.embedding.cosineSimilarity(query));
	}

}
