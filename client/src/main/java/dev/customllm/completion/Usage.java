package dev.customllm.completion;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Token counts the service reported for one call. Immutable; built with
 * {@link #of(int, int, int)} or {@link #builder()}, so that counts the services add later
 * can be added without breaking callers. The details ({@linkplain #cachedTokens() cached}
 * input tokens, {@linkplain #reasoningTokens() reasoning} output tokens) are {@code null}
 * when the service did not report them.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class Usage {

	private final int promptTokens;

	private final int completionTokens;

	private final int totalTokens;

	private final @Nullable Integer cachedTokens;

	private final @Nullable Integer reasoningTokens;

	private Usage(int promptTokens, int completionTokens, int totalTokens, @Nullable Integer cachedTokens,
			@Nullable Integer reasoningTokens) {
		this.promptTokens = promptTokens;
		this.completionTokens = completionTokens;
		this.totalTokens = totalTokens;
		this.cachedTokens = cachedTokens;
		this.reasoningTokens = reasoningTokens;
	}

	/**
	 * Create token counts.
	 * @param promptTokens tokens in the input
	 * @param completionTokens tokens in the output
	 * @param totalTokens all tokens billed for the call
	 * @return the counts
	 */
	public static Usage of(int promptTokens, int completionTokens, int totalTokens) {
		return new Usage(promptTokens, completionTokens, totalTokens, null, null);
	}

	/**
	 * Create a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Create a builder that starts from these counts.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder().promptTokens(this.promptTokens)
			.completionTokens(this.completionTokens)
			.totalTokens(this.totalTokens)
			.cachedTokens(this.cachedTokens)
			.reasoningTokens(this.reasoningTokens);
	}

	/**
	 * Return the tokens in the input.
	 * @return the prompt tokens
	 */
	public int promptTokens() {
		return this.promptTokens;
	}

	/**
	 * Return the tokens in the output.
	 * @return the completion tokens
	 */
	public int completionTokens() {
		return this.completionTokens;
	}

	/**
	 * Return all tokens billed for the call.
	 * @return the total tokens
	 */
	public int totalTokens() {
		return this.totalTokens;
	}

	/**
	 * Return the input tokens the service read from its prompt cache
	 * ({@code prompt_tokens_details.cached_tokens}), part of the
	 * {@linkplain #promptTokens() prompt tokens}.
	 * @return the cached tokens, or {@code null} when the service did not report them
	 */
	public @Nullable Integer cachedTokens() {
		return this.cachedTokens;
	}

	/**
	 * Return the output tokens the model spent reasoning
	 * ({@code completion_tokens_details.reasoning_tokens}), part of the
	 * {@linkplain #completionTokens() completion tokens}.
	 * @return the reasoning tokens, or {@code null} when the service did not report them
	 */
	public @Nullable Integer reasoningTokens() {
		return this.reasoningTokens;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof Usage that) && this.promptTokens == that.promptTokens
				&& this.completionTokens == that.completionTokens && this.totalTokens == that.totalTokens
				&& Objects.equals(this.cachedTokens, that.cachedTokens)
				&& Objects.equals(this.reasoningTokens, that.reasoningTokens);
	}

	@Override
	public int hashCode() {
		int hash = 31 * (31 * this.promptTokens + this.completionTokens) + this.totalTokens;
		return 31 * (31 * hash + Objects.hashCode(this.cachedTokens)) + Objects.hashCode(this.reasoningTokens);
	}

	@Override
	public String toString() {
		return "Usage[promptTokens=" + this.promptTokens + ", completionTokens=" + this.completionTokens
				+ ", totalTokens=" + this.totalTokens + ", cachedTokens=" + this.cachedTokens + ", reasoningTokens="
				+ this.reasoningTokens + "]";
	}

	/**
	 * Builder for {@link Usage}.
	 */
	public static final class Builder {

		private int promptTokens;

		private int completionTokens;

		private @Nullable Integer totalTokens;

		private @Nullable Integer cachedTokens;

		private @Nullable Integer reasoningTokens;

		private Builder() {
		}

		/**
		 * Set the tokens in the input.
		 * @param promptTokens the prompt tokens
		 * @return this builder
		 */
		public Builder promptTokens(int promptTokens) {
			this.promptTokens = promptTokens;
			return this;
		}

		/**
		 * Set the tokens in the output.
		 * @param completionTokens the completion tokens
		 * @return this builder
		 */
		public Builder completionTokens(int completionTokens) {
			this.completionTokens = completionTokens;
			return this;
		}

		/**
		 * Set all tokens billed for the call; by default the sum of prompt and completion
		 * tokens.
		 * @param totalTokens the total tokens
		 * @return this builder
		 */
		public Builder totalTokens(int totalTokens) {
			this.totalTokens = totalTokens;
			return this;
		}

		/**
		 * Set the input tokens read from the service's prompt cache.
		 * @param cachedTokens the cached tokens, or {@code null} when not reported
		 * @return this builder
		 */
		public Builder cachedTokens(@Nullable Integer cachedTokens) {
			this.cachedTokens = cachedTokens;
			return this;
		}

		/**
		 * Set the output tokens the model spent reasoning.
		 * @param reasoningTokens the reasoning tokens, or {@code null} when not reported
		 * @return this builder
		 */
		public Builder reasoningTokens(@Nullable Integer reasoningTokens) {
			this.reasoningTokens = reasoningTokens;
			return this;
		}

		/**
		 * Build the counts.
		 * @return the counts
		 */
		public Usage build() {
			int total = (this.totalTokens != null) ? this.totalTokens : this.promptTokens + this.completionTokens;
			return new Usage(this.promptTokens, this.completionTokens, total, this.cachedTokens, this.reasoningTokens);
		}

	}

}
