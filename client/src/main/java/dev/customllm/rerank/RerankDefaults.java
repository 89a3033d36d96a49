package dev.customllm.rerank;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How a {@link RerankModel} calls the service. Immutable: start from {@link #defaults()}
 * and change what you need with the {@code with...} methods, or use {@link #builder()}.
 *
 * <pre class="code">
 * RerankDefaults defaults = RerankDefaults.defaults().withModel("bge-reranker-v2-m3").withPath("/v1/rerank");
 * </pre>
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class RerankDefaults {

	/**
	 * Defaults: {@code /rerank}, batches of 32 documents (the default client batch limit
	 * of text-embeddings-inference), 4 in flight.
	 */
	public static final RerankDefaults DEFAULT = new Builder().build();

	private final @Nullable String model;

	private final String path;

	private final int batchSize;

	private final int maxConcurrency;

	private RerankDefaults(Builder builder) {
		if (builder.path == null || builder.path.isBlank()) {
			throw new IllegalArgumentException("path must not be blank");
		}
		if (builder.batchSize < 1) {
			throw new IllegalArgumentException("batchSize must be at least 1, but was " + builder.batchSize);
		}
		if (builder.maxConcurrency < 1) {
			throw new IllegalArgumentException("maxConcurrency must be at least 1, but was " + builder.maxConcurrency);
		}
		this.model = builder.model;
		this.path = builder.path;
		this.batchSize = builder.batchSize;
		this.maxConcurrency = builder.maxConcurrency;
	}

	/**
	 * Return the defaults, {@link #DEFAULT}.
	 * @return the defaults
	 */
	public static RerankDefaults defaults() {
		return DEFAULT;
	}

	/**
	 * Create a builder, starting from {@link #defaults()}.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Create a builder that starts from these defaults.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder().model(this.model)
			.path(this.path)
			.batchSize(this.batchSize)
			.maxConcurrency(this.maxConcurrency);
	}

	/**
	 * Return a copy with another model.
	 * @param model the model name, or {@code null} to let the service choose
	 * @return the new defaults
	 */
	public RerankDefaults withModel(@Nullable String model) {
		return toBuilder().model(model).build();
	}

	/**
	 * Return a copy with another endpoint path.
	 * @param path the path, relative to the base URL
	 * @return the new defaults
	 */
	public RerankDefaults withPath(String path) {
		return toBuilder().path(path).build();
	}

	/**
	 * Return a copy with another batch size.
	 * @param batchSize the maximum number of documents per request, at least 1
	 * @return the new defaults
	 */
	public RerankDefaults withBatchSize(int batchSize) {
		return toBuilder().batchSize(batchSize).build();
	}

	/**
	 * Return a copy with another concurrency.
	 * @param maxConcurrency the maximum number of batch requests in flight for one call,
	 * at least 1
	 * @return the new defaults
	 */
	public RerankDefaults withMaxConcurrency(int maxConcurrency) {
		return toBuilder().maxConcurrency(maxConcurrency).build();
	}

	/**
	 * Return the model name.
	 * @return the model, or {@code null} to let the service choose
	 */
	public @Nullable String model() {
		return this.model;
	}

	/**
	 * Return the endpoint path, relative to the base URL: servers mount it at
	 * {@code /rerank}, {@code /v1/rerank} or elsewhere.
	 * @return the path
	 */
	public String path() {
		return this.path;
	}

	/**
	 * Return the maximum number of documents per request; larger inputs are split and the
	 * results merged by score.
	 * @return the batch size
	 */
	public int batchSize() {
		return this.batchSize;
	}

	/**
	 * Return the maximum number of batch requests in flight for one call.
	 * @return the concurrency
	 */
	public int maxConcurrency() {
		return this.maxConcurrency;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof RerankDefaults that) && Objects.equals(this.model, that.model)
				&& this.path.equals(that.path) && this.batchSize == that.batchSize
				&& this.maxConcurrency == that.maxConcurrency;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.model, this.path, this.batchSize, this.maxConcurrency);
	}

	@Override
	public String toString() {
		return "RerankDefaults[model=" + this.model + ", path=" + this.path + ", batchSize=" + this.batchSize
				+ ", maxConcurrency=" + this.maxConcurrency + "]";
	}

	/**
	 * Builder for {@link RerankDefaults}.
	 */
	public static final class Builder {

		private @Nullable String model;

		private @Nullable String path = "/rerank";

		private int batchSize = 32;

		private int maxConcurrency = 4;

		private Builder() {
		}

		/**
		 * Set the model name.
		 * @param model the model, or {@code null} to let the service choose
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Set the endpoint path, relative to the base URL.
		 * @param path the path, {@code /rerank} by default
		 * @return this builder
		 */
		public Builder path(String path) {
			this.path = path;
			return this;
		}

		/**
		 * Set the maximum number of documents per request.
		 * @param batchSize the batch size, 32 by default
		 * @return this builder
		 */
		public Builder batchSize(int batchSize) {
			this.batchSize = batchSize;
			return this;
		}

		/**
		 * Set the maximum number of batch requests in flight for one call.
		 * @param maxConcurrency the concurrency, 4 by default
		 * @return this builder
		 */
		public Builder maxConcurrency(int maxConcurrency) {
			this.maxConcurrency = maxConcurrency;
			return this;
		}

		/**
		 * Build the defaults.
		 * @return the defaults
		 * @throws IllegalArgumentException if a value is invalid
		 */
		public RerankDefaults build() {
			return new RerankDefaults(this);
		}

	}

}
