package dev.customllm.agent;

/**
 * A document found by a {@link VectorIndex} search.
 *
 * @param document the document
 * @param score its similarity to the query, higher is closer (cosine similarity for
 * {@link InMemoryVectorIndex})
 * @author Custom LLM team
 * @since 0.1.0
 */
public record ScoredDocument(Document document, double score) {

}
