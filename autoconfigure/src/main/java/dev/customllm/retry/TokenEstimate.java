package dev.customllm.retry;

import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Estimates the tokens of a request before it is sent, from its JSON body: the characters
 * of its prompt text ({@code messages}, {@code prompt}, {@code input} and {@code tools})
 * divided by four, rounded up, plus the {@code max_tokens} (or
 * {@code max_completion_tokens}) it asks for. Four characters per token is the usual rule
 * of thumb for English text with OpenAI's tokenizers; the estimate is settled against the
 * reported usage afterwards, so it only has to be close.
 *
 * @author Custom LLM team
 */
final class TokenEstimate {

	private static final List<String> PROMPT_FIELDS = List.of("messages", "prompt", "input", "tools");

	private static final List<String> COMPLETION_FIELDS = List.of("max_tokens", "max_completion_tokens");

	private TokenEstimate() {
	}

	/**
	 * Estimate the tokens of a request.
	 * @param body the JSON body of the request
	 * @return the estimate, at least 1
	 */
	static long of(byte[] body) {
		try {
			JsonNode request = JsonMapper.shared().readTree(body);
			return Math.max(1, (promptCharacters(request) + 3) / 4 + completionTokens(request));
		}
		catch (JacksonException ex) {
			return Math.max(1, (body.length + 3) / 4);
		}
	}

	private static long promptCharacters(JsonNode request) {
		return PROMPT_FIELDS.stream().mapToLong((field) -> characters(request.path(field))).sum();
	}

	private static long characters(JsonNode node) {
		if (node.isString()) {
			return node.stringValue().length();
		}
		long characters = 0;
		for (JsonNode child : node) {
			characters += characters(child);
		}
		return characters;
	}

	private static long completionTokens(JsonNode request) {
		return COMPLETION_FIELDS.stream().mapToLong((field) -> request.path(field).asLong(0)).max().orElse(0);
	}

}
