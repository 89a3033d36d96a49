package dev.customllm;

/**
 * Kind of call made to an LLM service, named as in the OpenTelemetry GenAI conventions.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public enum LlmOperation {

	/**
	 * {@code POST /chat/completions}.
	 */
	CHAT("chat"),

	/**
	 * {@code POST /completions}, the legacy text completion API.
	 */
	TEXT_COMPLETION("text_completion"),

	/**
	 * {@code POST /embeddings}.
	 */
	EMBEDDINGS("embeddings"),

	/**
	 * {@code POST /rerank}: documents ordered by their relevance to a query.
	 */
	RERANK("rerank"),

	/**
	 * {@code GET /models}, to list models and check health.
	 */
	MODELS("models");

	private final String value;

	LlmOperation(String value) {
		this.value = value;
	}

	/**
	 * Return the operation name as used in messages and metric tags.
	 * @return the operation name, for example {@code chat}
	 */
	public String value() {
		return this.value;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
