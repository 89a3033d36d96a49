package dev.customllm.rerank;

/**
 * A document as a {@link RerankModel} ranked it.
 *
 * @param index position of the document in the input list
 * @param score its relevance to the query as the model scored it, higher is more
 * relevant; comparable only with the scores of the same model
 * @param text the document's text
 * @author Custom LLM team
 * @since 0.1.0
 */
public record RankedDocument(int index, double score, String text) {

	public RankedDocument {
		if (index < 0) {
			throw new IllegalArgumentException("index must not be negative, but was " + index);
		}
		if (!Double.isFinite(score)) {
			throw new IllegalArgumentException("score must be finite, but was " + score);
		}
		if (text == null) {
			throw new IllegalArgumentException("text must not be null");
		}
	}

}
