package dev.customllm.internal.completion;

import dev.customllm.internal.http.ResponseMemory;

/**
 * The bounds of what the client holds of one streamed answer as it is assembled, so that
 * no answer can take the memory: its tool calls with their arguments, and their number.
 * Text is handed on chunk by chunk, never held, so a long healthy stream is never cut.
 *
 * What is held is also reserved from the memory budget as it grows.
 *
 * @param maxAnswerSize most characters of tool call ids, names and arguments
 * @param maxToolCalls most tool calls in one answer
 * @param memory the budget that what an answer holds across its events is reserved from
 * @author Custom LLM team
 */
public record StreamLimits(long maxAnswerSize, int maxToolCalls, ResponseMemory memory) {

	/**
	 * The default number of tool calls allowed in one answer.
	 */
	public static final int DEFAULT_MAX_TOOL_CALLS = 128;

	public StreamLimits {
		if (maxAnswerSize < 1) {
			throw new IllegalArgumentException("maxAnswerSize must be positive, but was " + maxAnswerSize);
		}
		if (maxToolCalls < 1) {
			throw new IllegalArgumentException("maxToolCalls must be at least 1, but was " + maxToolCalls);
		}
	}

}
