package dev.customllm.completion;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Values a {@link CompletionModel} uses where a request leaves them unset. Immutable:
 * start from {@link #defaults()} and change what you need with the {@code with...}
 * methods, or use {@link #builder()}.
 *
 * <pre class="code">
 * CompletionDefaults defaults = CompletionDefaults.defaults().withModel("llama-3.1-8b").withMaxTokens(512);
 * </pre>
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class CompletionDefaults {

	/**
	 * Defaults that leave every choice to the service and call the chat API.
	 */
	public static final CompletionDefaults NONE = new Builder().build();

	private final @Nullable String model;

	private final @Nullable Double temperature;

	private final @Nullable Integer maxTokens;

	private final CompletionApi api;

	private final @Nullable String path;

	private final boolean splitThinkTags;

	private CompletionDefaults(Builder builder) {
		RequestChecks.checkTemperature(builder.temperature);
		RequestChecks.checkMaxTokens(builder.maxTokens);
		if (builder.api == null) {
			throw new IllegalArgumentException("api must not be null");
		}
		this.model = builder.model;
		this.temperature = builder.temperature;
		this.maxTokens = builder.maxTokens;
		this.api = builder.api;
		this.path = builder.path;
		this.splitThinkTags = builder.splitThinkTags;
	}

	/**
	 * Return the defaults that leave every choice to the service and call the chat API,
	 * {@link #NONE}.
	 * @return the defaults
	 */
	public static CompletionDefaults defaults() {
		return NONE;
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
			.temperature(this.temperature)
			.maxTokens(this.maxTokens)
			.api(this.api)
			.path(this.path)
			.splitThinkTags(this.splitThinkTags);
	}

	/**
	 * Return a copy with another model.
	 * @param model the model name, or {@code null} to let the service choose
	 * @return the new defaults
	 */
	public CompletionDefaults withModel(@Nullable String model) {
		return toBuilder().model(model).build();
	}

	/**
	 * Return a copy with another sampling temperature.
	 * @param temperature the temperature, between 0 and 2, or {@code null} for the
	 * service's default
	 * @return the new defaults
	 */
	public CompletionDefaults withTemperature(@Nullable Double temperature) {
		return toBuilder().temperature(temperature).build();
	}

	/**
	 * Return a copy with another maximum number of tokens to generate.
	 * @param maxTokens the maximum, at least 1, or {@code null} for the service's default
	 * @return the new defaults
	 */
	public CompletionDefaults withMaxTokens(@Nullable Integer maxTokens) {
		return toBuilder().maxTokens(maxTokens).build();
	}

	/**
	 * Return a copy that calls another endpoint.
	 * @param api the endpoint to call
	 * @return the new defaults
	 */
	public CompletionDefaults withApi(CompletionApi api) {
		return toBuilder().api(api).build();
	}

	/**
	 * Return a copy that splits, or does not split, a leading {@code <think>…</think>}
	 * out of the answers' text into their reasoning.
	 * @param splitThinkTags whether to split think tags
	 * @return the new defaults
	 * @see Builder#splitThinkTags(boolean)
	 */
	public CompletionDefaults withSplitThinkTags(boolean splitThinkTags) {
		return toBuilder().splitThinkTags(splitThinkTags).build();
	}

	/**
	 * Return a copy with another endpoint path.
	 * @param path the path, or {@code null} for the API's default path
	 * @return the new defaults
	 */
	public CompletionDefaults withPath(@Nullable String path) {
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
	 * Return the sampling temperature.
	 * @return the temperature, or {@code null} for the service's default
	 */
	public @Nullable Double temperature() {
		return this.temperature;
	}

	/**
	 * Return the maximum number of tokens to generate.
	 * @return the maximum, or {@code null} for the service's default
	 */
	public @Nullable Integer maxTokens() {
		return this.maxTokens;
	}

	/**
	 * Return the endpoint to call.
	 * @return the API
	 */
	public CompletionApi api() {
		return this.api;
	}

	/**
	 * Return the endpoint path as configured.
	 * @return the path, or {@code null} for the API's default path
	 */
	public @Nullable String path() {
		return this.path;
	}

	/**
	 * Return the endpoint path to call.
	 * @return the configured path, or the API's default
	 */
	public String endpointPath() {
		return (this.path != null) ? this.path : this.api.defaultPath();
	}

	/**
	 * Return whether a leading {@code <think>…</think>} is split out of the answers' text
	 * into their {@linkplain CompletionResponse#reasoning() reasoning}.
	 * @return whether think tags are split ({@code false} by default)
	 */
	public boolean splitThinkTags() {
		return this.splitThinkTags;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof CompletionDefaults that) && Objects.equals(this.model, that.model)
				&& Objects.equals(this.temperature, that.temperature) && Objects.equals(this.maxTokens, that.maxTokens)
				&& this.api == that.api && Objects.equals(this.path, that.path)
				&& this.splitThinkTags == that.splitThinkTags;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.model, this.temperature, this.maxTokens, this.api, this.path, this.splitThinkTags);
	}

	@Override
	public String toString() {
		return "CompletionDefaults[model=" + this.model + ", temperature=" + this.temperature + ", maxTokens="
				+ this.maxTokens + ", api=" + this.api + ", path=" + this.path + ", splitThinkTags="
				+ this.splitThinkTags + "]";
	}

	/**
	 * Builder for {@link CompletionDefaults}.
	 */
	public static final class Builder {

		private @Nullable String model;

		private @Nullable Double temperature;

		private @Nullable Integer maxTokens;

		private @Nullable CompletionApi api = CompletionApi.CHAT;

		private @Nullable String path;

		private boolean splitThinkTags;

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
		 * Set the sampling temperature.
		 * @param temperature the temperature, between 0 and 2, or {@code null} for the
		 * service's default
		 * @return this builder
		 */
		public Builder temperature(@Nullable Double temperature) {
			this.temperature = temperature;
			return this;
		}

		/**
		 * Set the maximum number of tokens to generate.
		 * @param maxTokens the maximum, at least 1, or {@code null} for the service's
		 * default
		 * @return this builder
		 */
		public Builder maxTokens(@Nullable Integer maxTokens) {
			this.maxTokens = maxTokens;
			return this;
		}

		/**
		 * Set the endpoint to call.
		 * @param api the API, {@link CompletionApi#CHAT} by default
		 * @return this builder
		 */
		public Builder api(CompletionApi api) {
			this.api = api;
			return this;
		}

		/**
		 * Set the endpoint path.
		 * @param path the path, or {@code null} for the API's default path
		 * @return this builder
		 */
		public Builder path(@Nullable String path) {
			this.path = path;
			return this;
		}

		/**
		 * Set whether a leading {@code <think>…</think>} is split out of the answers'
		 * text into their {@linkplain CompletionResponse#reasoning() reasoning}, for
		 * servers that run a reasoning model without a reasoning parser (llama.cpp
		 * without {@code --reasoning-format}, vLLM without {@code --reasoning-parser}).
		 * Streams are split as they arrive, whatever chunks the tags fall across. Text
		 * that does not start with {@code <think>} (after blanks) is left as it is.
		 * @param splitThinkTags whether to split think tags, {@code false} by default
		 * @return this builder
		 */
		public Builder splitThinkTags(boolean splitThinkTags) {
			this.splitThinkTags = splitThinkTags;
			return this;
		}

		/**
		 * Build the defaults.
		 * @return the defaults
		 * @throws IllegalArgumentException if a value is invalid
		 */
		public CompletionDefaults build() {
			return new CompletionDefaults(this);
		}

	}

}
