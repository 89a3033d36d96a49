package dev.customllm.test;

import java.util.Locale;

/**
 * The endpoints of the simulated service that tests can stub.
 */
enum SimulatedEndpoint {

	/**
	 * {@code POST /v1/chat/completions}.
	 */
	CHAT("/v1/chat/completions", "chat.completion"),

	/**
	 * {@code POST /v1/completions}.
	 */
	TEXT("/v1/completions", "text_completion"),

	/**
	 * {@code POST /v1/responses}, the Responses API.
	 */
	RESPONSES("/v1/responses", "response"),

	/**
	 * {@code POST /v1/embeddings}.
	 */
	EMBEDDINGS("/v1/embeddings", "list"),

	/**
	 * {@code POST /v1/rerank}.
	 */
	RERANK("/v1/rerank", "rerank");

	private final String path;

	private final String object;

	SimulatedEndpoint(String path, String object) {
		this.path = path;
		this.object = object;
	}

	String path() {
		return this.path;
	}

	String object() {
		return this.object;
	}

	String scenario() {
		return "custom-llm-" + name().toLowerCase(Locale.ROOT);
	}

}
