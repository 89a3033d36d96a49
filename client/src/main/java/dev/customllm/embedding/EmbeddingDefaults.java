package dev.customllm.embedding;

import org.jspecify.annotations.Nullable;

/**
 * How an {@link EmbeddingModel} calls the service.
 *
 * @param model model name, or {@code null} to let the service choose
 * @param dimensions expected vector length, checked on every answer, or {@code null} to
 * only require all vectors of one call to be the same length
 * @param requestDimensions whether to send {@code dimensions} in the request, for models
 * that can shorten their vectors
 * @param batchSize maximum number of texts per request
 * @param maxConcurrency maximum number of batch requests in flight for one call
 * @param encodingFormat encoding to ask for
 * @param path endpoint path
 * @author Custom LLM team
 */
public record EmbeddingDefaults(@Nullable String model, @Nullable Integer dimensions, boolean requestDimensions,
		int batchSize, int maxConcurrency, EncodingFormat encodingFormat, String path) {

	/**
	 * Defaults: batches of 256 texts, 4 in flight, base64, {@code /embeddings}.
	 */
	public static final EmbeddingDefaults DEFAULT = new EmbeddingDefaults(null, null, false, 256, 4,
			EncodingFormat.BASE64, "/embeddings");

	public EmbeddingDefaults {
		if (dimensions != null && dimensions < 1) {
			throw new IllegalArgumentException("dimensions must be at least 1, but was " + dimensions);
		}
		if (requestDimensions && dimensions == null) {
			throw new IllegalArgumentException("requestDimensions needs dimensions to be set");
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
	public EmbeddingDefaults withModel(String model) {
		return new EmbeddingDefaults(model, this.dimensions, this.requestDimensions, this.batchSize,
				this.maxConcurrency, this.encodingFormat, this.path);
	}

}
