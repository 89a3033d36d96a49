package dev.customllm.completion;

import org.jspecify.annotations.Nullable;

/**
 * Token counts the service reported for one call. Immutable; built with
 * {@link #of(int, int, int)} or {@link #builder()}, so that counts the services add later
 * (cached or reasoning tokens) can be added without breaking callers.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class Usage {

	private final int promptTokens;

	private final int completionTokens;

	private final int totalTokens;

	private Usage(int promptTokens, int completionTokens, int totalTokens) {
		this.promptTokens = promptTokens;
		this.completionTokens = completionTokens;
		this.totalTokens = totalTokens;
	}

	/**
	 * Create token counts.
	 * @param promptTokens tokens in the input
	 * @param completionTokens tokens in the output
	 * @param totalTokens all tokens billed for the call
	 * @return the counts
	 */
	public static Usage of(int promptTokens, int completionTokens, int totalTokens) {
		return new Usage(promptTokens, completionTokens, totalTokens);
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
			.totalTokens(this.totalTokens);
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

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof Usage that) && this.promptTokens == that.promptTokens
				&& this.completionTokens == that.completionTokens && this.totalTokens == that.totalTokens;
	}

	@Override
	public int hashCode() {
		return 31 * (31 * this.promptTokens + this.completionTokens) + this.totalTokens;
	}

	@Override
	public String toString() {
		return "Usage[promptTokens=" + this.promptTokens + ", completionTokens=" + this.completionTokens
				+ ", totalTokens=" + this.totalTokens + "]";
	}

	/**
	 * Builder for {@link Usage}.
	 */
	public static final class Builder {

		private int promptTokens;

		private int completionTokens;

		private @Nullable Integer totalTokens;

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
		 * Build the counts.
		 * @return the counts
		 */
		public Usage build() {
			int total = (this.totalTokens != null) ? this.totalTokens : this.promptTokens + this.completionTokens;
			return new Usage(this.promptTokens, this.completionTokens, total);
		}

	}

}
