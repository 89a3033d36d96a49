package dev.customllm.completion;

import org.jspecify.annotations.Nullable;

/**
 * Checks of request values, shared by requests and defaults.
 *
 * @author Custom LLM team
 */
final class RequestChecks {

	private RequestChecks() {
	}

	static void checkTemperature(@Nullable Double temperature) {
		if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
			throw new IllegalArgumentException("temperature must be between 0 and 2, but was " + temperature);
		}
	}

	static void checkMaxTokens(@Nullable Integer maxTokens) {
		if (maxTokens != null && maxTokens < 1) {
			throw new IllegalArgumentException("maxTokens must be at least 1, but was " + maxTokens);
		}
	}

	static void checkTopP(@Nullable Double topP) {
		if (topP != null && !(topP > 0 && topP <= 1)) {
			throw new IllegalArgumentException("topP must be greater than 0 and at most 1, but was " + topP);
		}
	}

}
