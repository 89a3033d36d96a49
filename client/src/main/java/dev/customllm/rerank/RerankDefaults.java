package dev.customllm.rerank;

import org.jspecify.annotations.Nullable;

/**
 * How a {@link RerankModel} calls the service.
 *
 * @param model model name, or {@code null} to let the service choose
 * @param path endpoint path, relative to the base URL: {@code /rerank} by default;
 * servers mount it at {@code /rerank}, {@code /v1/rerank} or elsewhere
 * @param batchSize maximum number of documents per request; larger inputs are split and
 * the results merged by score
 * @param maxConcurrency maximum number of batch requests in flight for one call
 * @author Custom LLM team
 */
public record RerankDefaults(@Nullable String model, String path, int batchSize, int maxConcurrency) {

	/**
	 * Defaults: {@code /rerank}, batches of 32 documents (the default client batch limit
	 * of text-embeddings-inference), 4 in flight.
	 */
	public static final RerankDefaults DEFAULT = new RerankDefaults(null, "/rerank", 32, 4);

	public RerankDefaults {
		if (path == null || path.isBlank()) {
			throw new IllegalArgumentException("path must not be blank");
		}
		if (batchSize < 1) {
			throw new IllegalArgumentException("batchSize must be at least 1, but was " + batchSize);
		}
		if (maxConcurrency < 1) {
			throw new IllegalArgumentException("maxConcurrency must be at least 1, but was " + maxConcurrency);
		}
	}

	/**
	 * Return a copy with another model.
	 * @param model the model name
	 * @return the new defaults
	 */
	public RerankDefaults withModel(String model) {
		return new RerankDefaults(model, this.path, this.batchSize, this.maxConcurrency);
	}

}
