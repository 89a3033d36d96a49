package dev.customllm.test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Simulates {@code POST /v1/rerank} in the Jina/Cohere shape that vLLM and llama.cpp
 * serve: each document scored by the cosine similarity of its {@link SimulatedEmbeddings}
 * embedding to the query's, mapped to 0..1, the {@code top_n} best first.
 */
final class RerankEndpoint extends SimulatorEndpoint {

	static final String NAME = "custom-llm-simulator-rerank";

	private static final int DIMENSIONS = 256;

	private final AtomicLong ids;

	RerankEndpoint(AtomicLong ids) {
		this.ids = ids;
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	ResponseDefinition respond(ObjectNode request) {
		JsonNode query = request.path("query");
		if (!query.isString() || query.stringValue().isBlank()) {
			throw new InvalidRequestException("query must be a non-empty string");
		}
		List<String> documents = documents(request.path("documents"));
		float[] queryVector = SimulatedEmbeddings.embed(query.stringValue(), DIMENSIONS);
		List<Double> scores = new ArrayList<>();
		for (String document : documents) {
			scores.add(score(queryVector, SimulatedEmbeddings.embed(document, DIMENSIONS)));
		}
		return ok(answer("rerank-sim-" + this.ids.incrementAndGet(), request, documents, scores));
	}

	/**
	 * Render a rerank answer: the {@code top_n} documents of the highest scores, ties in
	 * input order.
	 * @param id the answer's id
	 * @param request the request
	 * @param documents the documents of the request
	 * @param scores the score of each document, by index
	 * @return the answer
	 */
	static ObjectNode answer(String id, ObjectNode request, List<String> documents, List<Double> scores) {
		int topN = topN(request.path("top_n"), documents.size());
		boolean returnDocuments = request.path("return_documents").asBoolean(false);
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < Math.min(documents.size(), scores.size()); i++) {
			order.add(i);
		}
		order.sort(Comparator.comparing((Integer index) -> scores.get(index)).reversed());
		ObjectNode body = json.createObjectNode().put("id", id).put("model", model(request));
		ArrayNode results = body.putArray("results");
		int tokens = SimulatedText.words(request.path("query").asString("")).size() * documents.size();
		for (int index : order.subList(0, Math.min(topN, order.size()))) {
			ObjectNode result = results.addObject().put("index", index).put("relevance_score", scores.get(index));
			if (returnDocuments) {
				result.putObject("document").put("text", documents.get(index));
			}
		}
		for (String document : documents) {
			tokens += SimulatedText.words(document).size();
		}
		body.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
		return body;
	}

	static List<String> documents(JsonNode documents) {
		List<String> texts = new ArrayList<>();
		for (JsonNode document : documents.values()) {
			JsonNode text = document.isObject() ? document.path("text") : document;
			if (!text.isString()) {
				throw new InvalidRequestException("documents must be strings or objects with a text");
			}
			texts.add(text.stringValue());
		}
		if (!documents.isArray() || texts.isEmpty()) {
			throw new InvalidRequestException("documents must be a non-empty array");
		}
		return texts;
	}

	private static int topN(JsonNode topN, int documents) {
		if (topN.isMissingNode() || topN.isNull()) {
			return documents;
		}
		if (!topN.isIntegralNumber() || !topN.canConvertToInt() || topN.intValue() < 1) {
			throw new InvalidRequestException("top_n must be a positive integer");
		}
		return topN.intValue();
	}

	private static double score(float[] query, float[] document) {
		double dot = 0;
		for (int i = 0; i < query.length; i++) {
			dot += query[i] * document[i];
		}
		return Math.round((1 + dot) / 2 * 1e6) / 1e6;
	}

}
