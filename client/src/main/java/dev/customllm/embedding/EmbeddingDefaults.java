package dev.customllm.embedding;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How an {@link EmbeddingModel} calls the service. Immutable: start from
 * {@link #defaults()} and change what you need with the {@code with...} methods, or use
 * {@link #builder()}.
 *
 * <pre class="code">
 * EmbeddingDefaults defaults = EmbeddingDefaults.defaults().withModel("bge-m3").withBatchSize(64);
 * </pre>
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class EmbeddingDefaults {

	/**
	 * Defaults: batches of 256 texts, 4 in flight, base64, {@code /embeddings}.
	 */
	public static final EmbeddingDefaults DEFAULT = new Builder().build();

	private final @Nullable String model;

	private final @Nullable Integer dimensions;

	private final boolean requestDimensions;

	private final int batchSize;

	private final int maxConcurrency;

	private final EncodingFormat encodingFormat;

	private final String path;

	private EmbeddingDefaults(Builder builder) {
		if (builder.dimensions != null && builder.dimensions < 1) {
			throw new IllegalArgumentException("dimensions must be at least 1, but was " + builder.dimensions);
		}
		if (builder.requestDimensions && builder.dimensions == null) {
			throw new IllegalArgumentException("requestDimensions needs dimensions to be set");
		}
		if (builder.batchSize < 1) {
			throw new IllegalArgumentException("batchSize must be at least 1, but was " + builder.batchSize);
		}
		if (builder.maxConcurrency < 1) {
			throw new IllegalArgumentException("maxConcurrency must be at least 1, but was " + builder.maxConcurrency);
		}
		if (builder.encodingFormat == null) {
			throw new IllegalArgumentException("encodingFormat must not be null");
		}
		if (builder.path == null || builder.path.isBlank()) {
			throw new IllegalArgumentException("path must not be blank");
		}
		this.model = builder.model;
		this.dimensions = builder.dimensions;
		this.requestDimensions = builder.requestDimensions;
		this.batchSize = builder.batchSize;
		this.maxConcurrency = builder.maxConcurrency;
		this.encodingFormat = builder.encodingFormat;
		this.path = builder.path;
	}

	/**
	 * Return the defaults, {@link #DEFAULT}.
	 * @return the defaults
	 */
	public static EmbeddingDefaults defaults() {
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
			.dimensions(this.dimensions)
			.requestDimensions(this.requestDimensions)
			.batchSize(this.batchSize)
			.maxConcurrency(this.maxConcurrency)
			.encodingFormat(this.encodingFormat)
			.path(this.path);
	}

	/**
	 * Return a copy with another model.
	 * @param model the model name, or {@code null} to let the service choose
	 * @return the new defaults
	 */
	public EmbeddingDefaults withModel(@Nullable String model) {
		return toBuilder().model(model).build();
	}

	/**
	 * Return a copy with another expected vector length.
	 * @param dimensions the length, or {@code null} to only require all vectors of one
	 * call to be the same length
	 * @return the new defaults
	 */
	public EmbeddingDefaults withDimensions(@Nullable Integer dimensions) {
		return toBuilder().dimensions(dimensions).build();
	}

	/**
	 * Return a copy that does or does not send {@code dimensions} in the request.
	 * @param requestDimensions whether to send the dimensions, for models that can
	 * shorten their vectors
	 * @return the new defaults
	 */
	public EmbeddingDefaults withRequestDimensions(boolean requestDimensions) {
		return toBuilder().requestDimensions(requestDimensions).build();
	}

	/**
	 * Return a copy with another batch size.
	 * @param batchSize the maximum number of texts per request, at least 1
	 * @return the new defaults
	 */
	public EmbeddingDefaults withBatchSize(int batchSize) {
		return toBuilder().batchSize(batchSize).build();
	}

	/**
	 * Return a copy with another concurrency.
	 * @param maxConcurrency the maximum number of batch requests in flight for one call,
	 * at least 1
	 * @return the new defaults
	 */
	public EmbeddingDefaults withMaxConcurrency(int maxConcurrency) {
		return toBuilder().maxConcurrency(maxConcurrency).build();
	}

	/**
	 * Return a copy that asks for another encoding.
	 * @param encodingFormat the encoding
	 * @return the new defaults
	 */
	public EmbeddingDefaults withEncodingFormat(EncodingFormat encodingFormat) {
		return toBuilder().encodingFormat(encodingFormat).build();
	}

	/**
	 * Return a copy with another endpoint path.
	 * @param path the path
	 * @return the new defaults
	 */
	public EmbeddingDefaults withPath(String path) {
		return toBuilder().path(path).build();
	}

	/**
	 * Return the model name.
	 * @return the model, or {@code null} to let the service choose
	 */
	public @Nullable String model() {
		return this.model;
	}

	/**
	 * Return the expected vector length, checked on every answer.
	 * @return the length, or {@code null} to only require all vectors of one call to be
	 * the same length
	 */
	public @Nullable Integer dimensions() {
		return this.dimensions;
	}

	/**
	 * Return whether {@code dimensions} is sent in the request.
	 * @return whether the dimensions are sent
	 */
	public boolean requestDimensions() {
		return this.requestDimensions;
	}

	/**
	 * Return the maximum number of texts per request.
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

	/**
	 * Return the encoding to ask for.
	 * @return the encoding
	 */
	public EncodingFormat encodingFormat() {
		return this.encodingFormat;
	}

	/**
	 * Return the endpoint path.
	 * @return the path
	 */
	public String path() {
		return this.path;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof EmbeddingDefaults that) && Objects.equals(this.model, that.model)
				&& Objects.equals(this.dimensions, that.dimensions) && this.requestDimensions == that.requestDimensions
				&& this.batchSize == that.batchSize && this.maxConcurrency == that.maxConcurrency
				&& this.encodingFormat == that.encodingFormat && this.path.equals(that.path);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.model, this.dimensions, this.requestDimensions, this.batchSize, this.maxConcurrency,
				this.encodingFormat, this.path);
	}

	@Override
	public String toString() {
		return "EmbeddingDefaults[model=" + this.model + ", dimensions=" + this.dimensions + ", requestDimensions="
				+ this.requestDimensions + ", batchSize=" + this.batchSize + ", maxConcurrency=" + this.maxConcurrency
				+ ", encodingFormat=" + this.encodingFormat + ", path=" + this.path + "]";
	}

	/**
	 * Builder for {@link EmbeddingDefaults}.
	 */
	public static final class Builder {

		private @Nullable String model;

		private @Nullable Integer dimensions;

		private boolean requestDimensions;

		private int batchSize = 256;

		private int maxConcurrency = 4;

		private @Nullable EncodingFormat encodingFormat = EncodingFormat.BASE64;

		private @Nullable String path = "/embeddings";

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
		 * Set the expected vector length, checked on every answer.
		 * @param dimensions the length, or {@code null} (the default) to only require all
		 * vectors of one call to be the same length
		 * @return this builder
		 */
		public Builder dimensions(@Nullable Integer dimensions) {
			this.dimensions = dimensions;
			return this;
		}

		/**
		 * Set whether to send {@code dimensions} in the request, for models that can
		 * shorten their vectors.
		 * @param requestDimensions whether to send the dimensions, {@code false} by
		 * default
		 * @return this builder
		 */
		public Builder requestDimensions(boolean requestDimensions) {
			this.requestDimensions = requestDimensions;
			return this;
		}

		/**
		 * Set the maximum number of texts per request.
		 * @param batchSize the batch size, 256 by default
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
		 * Set the encoding to ask for.
		 * @param encodingFormat the encoding, {@link EncodingFormat#BASE64} by default
		 * @return this builder
		 */
		public Builder encodingFormat(EncodingFormat encodingFormat) {
			this.encodingFormat = encodingFormat;
			return this;
		}

		/**
		 * Set the endpoint path.
		 * @param path the path, {@code /embeddings} by default
		 * @return this builder
		 */
		public Builder path(String path) {
			this.path = path;
			return this;
		}

		/**
		 * Build the defaults.
		 * @return the defaults
		 * @throws IllegalArgumentException if a value is invalid
		 */
		public EmbeddingDefaults build() {
			return new EmbeddingDefaults(this);
		}

	}

}
