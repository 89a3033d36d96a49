package dev.customllm.internal.rerank;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;
import dev.customllm.rerank.RankedDocument;

/**
 * Checks one batch answer of {@code /rerank}: as many results as asked for, each naming a
 * document of the batch once, with a finite score.
 *
 * @author Custom LLM team
 */
final class RerankReader {

	private RerankReader() {
	}

	/**
	 * Read a batch answer.
	 * @param answer the answer
	 * @param offset position of the batch's first document in the whole call
	 * @param documents the documents of the batch
	 * @param expected the number of results asked for ({@code top_n})
	 * @return the ranked documents, indexed in the whole call
	 */
	static List<RankedDocument> read(RerankResult answer, int offset, List<String> documents, int expected) {
		List<RerankItem> items = answer.results();
		if (items == null) {
			throw failure("answer has no results");
		}
		if (items.size() > documents.size()) {
			throw failure("answer has " + items.size() + " results for " + documents.size() + " documents");
		}
		if (items.size() != expected) {
			throw failure("expected " + expected + " results (top_n), got " + items.size());
		}
		boolean[] seen = new boolean[documents.size()];
		List<RankedDocument> ranked = new ArrayList<>(items.size());
		for (int position = 0; position < items.size(); position++) {
			RerankItem item = items.get(position);
			JsonNode at = (item != null) ? item.index() : null;
			if (item == null || at == null || at.isNull()) {
				throw failure("result " + position + " has no index");
			}
			if (!at.isIntegralNumber() || !at.canConvertToInt()) {
				throw failure("result " + position + " has index " + at + ", not an integer");
			}
			int index = at.intValue();
			if (index < 0 || index >= documents.size() || seen[index]) {
				throw failure(
						"result index " + index + " is out of range or repeated in a batch of " + documents.size());
			}
			seen[index] = true;
			Double score = item.anyScore();
			if (score == null || !Double.isFinite(score)) {
				throw failure("result for document " + index + " has no finite relevance_score (" + score + ")");
			}
			ranked.add(new RankedDocument(offset + index, score, documents.get(index)));
		}
		return ranked;
	}

	private static LlmResponseException failure(String problem) {
		return new LlmResponseException(LlmOperation.RERANK, problem);
	}

}
