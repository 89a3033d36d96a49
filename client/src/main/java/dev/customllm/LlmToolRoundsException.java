package dev.customllm;

/**
 * An agent's model still asked for tools after the agent's {@code maxToolRounds} rounds
 * of tool calls.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public class LlmToolRoundsException extends LlmResponseException {

	private final int maxToolRounds;

	/**
	 * Create a new instance.
	 * @param maxToolRounds the limit that was reached
	 */
	public LlmToolRoundsException(int maxToolRounds) {
		super(LlmOperation.CHAT, "the model still asked for tools after " + maxToolRounds
				+ " rounds of tool calls (maxToolRounds " + maxToolRounds + ")");
		this.maxToolRounds = maxToolRounds;
	}

	/**
	 * Return the number of tool rounds the agent allowed.
	 * @return the limit
	 */
	public int maxToolRounds() {
		return this.maxToolRounds;
	}

}
