package dev.customllm.test;

/**
 * A simulated answer and why it ended.
 *
 * @param text the answer text, its words separated by single spaces
 * @param finishReason {@code stop}, or {@code length} when cut to the token limit
 */
record SimulatedAnswer(String text, String finishReason) {

	/**
	 * Return the number of simulated tokens in the answer.
	 * @return the token count
	 */
	int tokens() {
		return SimulatedText.words(this.text).size();
	}

}
