package dev.customllm.sample.search;

/**
 * One hit of {@code GET /api/search}.
 *
 * @param id identifier of the document
 * @param title title of the document
 * @param score cosine similarity between the query and the document, or the reranker's
 * relevance score for a reranked search; higher is closer
 * @author Custom LLM team
 */
public record SearchResult(String id, String title, double score) {

}
