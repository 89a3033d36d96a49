package dev.customllm.internal.resilience;

import org.jspecify.annotations.Nullable;

/**
 * An answer, or a chunk of a streamed answer, that may say how many tokens its call used.
 * The token-rate limit settles a call's reservation against it, whether or not the call
 * is observed.
 *
 * @author Custom LLM team
 */
public interface TokenCount {

	/**
	 * Return the tokens the service reported for the call, prompt and completion
	 * together.
	 * @return the tokens, or {@code null} when this answer or chunk reports none
	 */
	@Nullable Long usedTokens();

	/**
	 * Return the tokens an answer or chunk reports.
	 * @param answer an answer or chunk of any type
	 * @return the tokens, or {@code null} when it reports none
	 */
	static @Nullable Long usedTokens(@Nullable Object answer) {
		return (answer instanceof TokenCount count) ? count.usedTokens() : null;
	}

	/**
	 * Add up reported token counts, either of which may be missing.
	 * @param input tokens in the input, if reported
	 * @param output tokens in the output, if reported
	 * @return their sum, or {@code null} when neither was reported
	 */
	static @Nullable Long sum(@Nullable Integer input, @Nullable Integer output) {
		if (input == null && output == null) {
			return null;
		}
		return (long) ((input != null) ? input : 0) + ((output != null) ? output : 0);
	}

}
