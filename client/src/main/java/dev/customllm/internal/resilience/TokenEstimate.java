package dev.customllm.internal.resilience;

import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

import dev.customllm.internal.json.LlmJson;

/**
 * Estimates the tokens of a request before it is sent, from its JSON body read once with
 * a streaming parser: the characters of its prompt text ({@code messages},
 * {@code prompt}, {@code input}, {@code tools}, and the {@code query} and
 * {@code documents} of a rerank) divided by four, rounded up, with {@value #IMAGE_TOKENS}
 * tokens for each image ({@code url} of an image part: a base64 {@code data:} URL is no
 * text), plus the {@code max_tokens} (or {@code max_completion_tokens}) it asks for. Four
 * characters per token is the usual rule of thumb for English text with OpenAI's
 * tokenizers; the estimate is settled against the reported usage afterwards, so it only
 * has to be close.
 *
 * @author Custom LLM team
 */
final class TokenEstimate {

	/**
	 * Tokens counted for one image, about what a vision model spends on a 1024-pixel
	 * image at high detail; settled against the reported usage like the rest.
	 */
	static final int IMAGE_TOKENS = 1000;

	private static final List<String> PROMPT_FIELDS = List.of("messages", "prompt", "input", "tools", "query",
			"documents");

	private static final List<String> COMPLETION_FIELDS = List.of("max_tokens", "max_completion_tokens");

	private TokenEstimate() {
	}

	/**
	 * Estimate the tokens of a request.
	 * @param body the JSON body of the request
	 * @return the estimate, at least 1
	 */
	static long of(byte[] body) {
		try (JsonParser parser = LlmJson.mapper().createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return ofBytes(body);
			}
			long characters = 0;
			long completionTokens = 0;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String field = parser.currentName();
				JsonToken value = parser.nextToken();
				if (PROMPT_FIELDS.contains(field)) {
					characters += characters(parser, value);
				}
				else if (COMPLETION_FIELDS.contains(field) && value == JsonToken.VALUE_NUMBER_INT) {
					completionTokens = Math.max(completionTokens, parser.getLongValue());
				}
				else {
					parser.skipChildren();
				}
			}
			return Math.max(1, (characters + 3) / 4 + completionTokens);
		}
		catch (JacksonException ex) {
			return ofBytes(body);
		}
	}

	private static long ofBytes(byte[] body) {
		return Math.max(1, (body.length + 3) / 4);
	}

	/**
	 * Count the characters of the string values of one field's value, read as it is
	 * walked, whatever its nesting.
	 */
	private static long characters(JsonParser parser, JsonToken first) {
		if (first == JsonToken.VALUE_STRING) {
			return parser.getStringLength();
		}
		long characters = 0;
		int depth = first.isStructStart() ? 1 : 0;
		while (depth > 0) {
			JsonToken token = parser.nextToken();
			if (token == null) {
				break;
			}
			if (token.isStructStart()) {
				depth++;
			}
			else if (token.isStructEnd()) {
				depth--;
			}
			else if (token == JsonToken.VALUE_STRING) {
				boolean image = "url".equals(parser.currentName());
				characters += image ? IMAGE_TOKENS * 4L : parser.getStringLength();
			}
		}
		return characters;
	}

}
