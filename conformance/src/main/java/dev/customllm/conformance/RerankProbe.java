package dev.customllm.conformance;

import tools.jackson.databind.JsonNode;

import dev.customllm.conformance.Finding.Support;

/**
 * Probe of {@code POST /rerank} in the Jina/Cohere shape.
 */
final class RerankProbe {

	private final ProbeClient client;

	private final String model;

	RerankProbe(ProbeClient client, String model) {
		this.client = client;
		this.model = model;
	}

	Finding rerank() {
		ProbeResponse response = this.client.post("/rerank", Requests.rerank(this.model));
		JsonNode answer = response.json();
		if (response.status() == 404 || response.status() == 405) {
			return new Finding("/rerank", Support.NO, "not served at /rerank (" + response.status() + ")",
					"Set custom.llm.rerank.path where the service mounts it (such as /v1/rerank), if it has one.");
		}
		if (response.ok() && answer.isArray()) {
			return new Finding("/rerank", Support.NO, "answered a bare array (text-embeddings-inference's shape)",
					"RerankModel reads the Jina/Cohere shape {results: [...]}; put a compatible gateway in front.");
		}
		JsonNode results = answer.path("results");
		if (!response.ok() || !results.isArray()) {
			return new Finding("/rerank", Support.NO, response.summary(),
					"RerankModel fails with an LlmApiException or LlmResponseException.");
		}
		boolean scored = results.size() == 2 && results.path(0).path("index").isInt()
				&& results.path(0).path("relevance_score").isNumber();
		if (scored) {
			return new Finding("/rerank", Support.YES,
					"ranked 2 documents, best index " + results.path(0).path("index").intValue(),
					"RerankModel works (custom.llm.rerank.model).");
		}
		return new Finding("/rerank", Support.PARTLY, CompletionProbes.brief(answer.toString()),
				"RerankModel accepts only as many results as top_n, each with an index and relevance_score "
						+ "(or score).");
	}

}
