package dev.customllm.internal.completion;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Describes a finish reason for an error message without repeating arbitrary text a
 * service sent: the values servers are known to send are shown, any other is not.
 *
 * @author Custom LLM team
 */
final class FinishReasons {

	private static final Set<String> KNOWN = Set.of("stop", "length", "tool_calls", "function_call", "content_filter",
			"eos", "eos_token", "abort", "error", "max_tokens", "stop_sequence", "end_turn", "cancelled");

	private FinishReasons() {
	}

	static String describe(@Nullable String finishReason) {
		if (finishReason == null) {
			return "finish_reason null";
		}
		return KNOWN.contains(finishReason) ? "finish_reason " + finishReason : "an unrecognized finish_reason";
	}

}
