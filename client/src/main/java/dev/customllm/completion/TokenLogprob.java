package dev.customllm.completion;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The log-probability of one token of an answer, with the most likely alternatives at its
 * position when they were asked for ({@link CompletionRequest.Builder#topLogprobs(int)}).
 * What a service sends in {@code choices[].logprobs.content[]} when the request sets
 * {@code logprobs}. Immutable; built with {@link #of(String, double)} or
 * {@link #builder()}.
 *
 * <pre class="code">
 * double confidence = Math.exp(response.logprobs().get(0).logprob());
 * </pre>
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class TokenLogprob {

	private final String token;

	private final double logprob;

	private final List<Integer> bytes;

	private final List<TokenLogprob> topLogprobs;

	private TokenLogprob(Builder builder) {
		if (builder.token == null) {
			throw new IllegalArgumentException("token must not be null");
		}
		this.token = builder.token;
		this.logprob = builder.logprob;
		this.bytes = List.copyOf(builder.bytes);
		this.topLogprobs = List.copyOf(builder.topLogprobs);
	}

	/**
	 * Create the log-probability of a token without alternatives.
	 * @param token the token
	 * @param logprob its natural logarithm of probability, at most 0
	 * @return the value
	 */
	public static TokenLogprob of(String token, double logprob) {
		return builder().token(token).logprob(logprob).build();
	}

	/**
	 * Create a builder.
	 * @return a new builder, of a token with no bytes and no alternatives
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Create a builder that starts from this value.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder().token(this.token).logprob(this.logprob).bytes(this.bytes).topLogprobs(this.topLogprobs);
	}

	/**
	 * Return the token.
	 * @return the token's text
	 */
	public String token() {
		return this.token;
	}

	/**
	 * Return the log-probability of the token: {@code Math.exp(logprob())} is its
	 * probability.
	 * @return the natural logarithm of the token's probability
	 */
	public double logprob() {
		return this.logprob;
	}

	/**
	 * Return the UTF-8 bytes of the token, for tokens that are part of a character.
	 * @return the bytes as values 0 to 255 (unmodifiable), empty when the service sent
	 * none
	 */
	public List<Integer> bytes() {
		return this.bytes;
	}

	/**
	 * Return the most likely tokens at this position, most likely first.
	 * @return the alternatives (unmodifiable), empty when none were asked for
	 */
	public List<TokenLogprob> topLogprobs() {
		return this.topLogprobs;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof TokenLogprob that) && this.token.equals(that.token)
				&& Double.compare(this.logprob, that.logprob) == 0 && this.bytes.equals(that.bytes)
				&& this.topLogprobs.equals(that.topLogprobs);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.token, this.logprob, this.bytes, this.topLogprobs);
	}

	/**
	 * Describe the value without the token, which is part of the answer's text.
	 */
	@Override
	public String toString() {
		return "TokenLogprob[token=" + this.token.length() + " chars, logprob=" + this.logprob + ", topLogprobs="
				+ this.topLogprobs.size() + "]";
	}

	/**
	 * Builder for {@link TokenLogprob}.
	 */
	public static final class Builder {

		private @Nullable String token;

		private double logprob;

		private List<Integer> bytes = List.of();

		private List<TokenLogprob> topLogprobs = List.of();

		private Builder() {
		}

		/**
		 * Set the token.
		 * @param token the token's text
		 * @return this builder
		 */
		public Builder token(String token) {
			this.token = token;
			return this;
		}

		/**
		 * Set the log-probability.
		 * @param logprob the natural logarithm of the token's probability
		 * @return this builder
		 */
		public Builder logprob(double logprob) {
			this.logprob = logprob;
			return this;
		}

		/**
		 * Set the UTF-8 bytes of the token.
		 * @param bytes the bytes as values 0 to 255 (copied)
		 * @return this builder
		 */
		public Builder bytes(List<Integer> bytes) {
			this.bytes = bytes;
			return this;
		}

		/**
		 * Set the most likely tokens at this position.
		 * @param topLogprobs the alternatives, most likely first (copied)
		 * @return this builder
		 */
		public Builder topLogprobs(List<TokenLogprob> topLogprobs) {
			this.topLogprobs = topLogprobs;
			return this;
		}

		/**
		 * Build the value.
		 * @return the value
		 * @throws IllegalArgumentException if the token is not set
		 */
		public TokenLogprob build() {
			return new TokenLogprob(this);
		}

	}

}
