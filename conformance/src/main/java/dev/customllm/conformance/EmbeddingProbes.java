package dev.customllm.conformance;

import java.util.Base64;

import tools.jackson.databind.JsonNode;

import dev.customllm.conformance.Finding.Support;

/**
 * Probes of embeddings as float arrays and as base64.
 */
final class EmbeddingProbes {

	private final ProbeClient client;

	private final String model;

	EmbeddingProbes(ProbeClient client, String model) {
		this.client = client;
		this.model = model;
	}

	Finding floats() {
		ProbeResponse response = this.client.post("/embeddings", Requests.embeddings(this.model, "float"));
		JsonNode data = response.json().path("data");
		JsonNode first = data.path(0).path("embedding");
		if (response.ok() && data.size() == 2 && first.isArray() && !first.isEmpty()) {
			return new Finding("embeddings (float)", Support.YES, first.size() + " dimensions",
					"Used after a base64 refusal, or with custom.llm.embedding.encoding-format=float.");
		}
		return new Finding("embeddings (float)", Support.NO, response.summary(),
				"EmbeddingModel fails with an LlmApiException or LlmResponseException.");
	}

	Finding base64() {
		ProbeResponse response = this.client.post("/embeddings", Requests.embeddings(this.model, "base64"));
		JsonNode embedding = response.json().path("data").path(0).path("embedding");
		if (response.ok() && embedding.isString()) {
			int dimensions = Base64.getDecoder().decode(embedding.stringValue()).length / Float.BYTES;
			return new Finding("embeddings (base64)", Support.YES, dimensions + " dimensions, little-endian float32",
					"Asks for base64 by default: smaller answers than float arrays.");
		}
		if (response.ok() && embedding.isArray()) {
			return new Finding("embeddings (base64)", Support.PARTLY, "ignored: floats returned",
					"Parses the answer by its shape; nothing to configure.");
		}
		if (response.status() >= 400 && response.status() < 500) {
			return new Finding("embeddings (base64)", Support.NO, "refused: " + response.summary(),
					"Retries once with float and remembers; set custom.llm.embedding.encoding-format=float "
							+ "to skip the refused request.");
		}
		return new Finding("embeddings (base64)", Support.NO, response.summary(),
				"EmbeddingModel fails with an LlmApiException or LlmResponseException.");
	}

}
