package dev.customllm.internal.json;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;

/**
 * Reads a structured answer: the text of a completion that must be one JSON value,
 * optionally inside a Markdown code fence, matching a schema, bound to a Java type with
 * the wire mapper. Anything else is an {@link LlmResponseException} that carries the
 * text.
 *
 * @author Custom LLM team
 */
public final class StructuredAnswers {

	private static final String FENCE = "```";

	private static final ObjectReader TREE = LlmJson.mapper()
		.reader()
		.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

	private StructuredAnswers() {
	}

	/**
	 * Read an answer as a value of a type.
	 * @param <T> the type
	 * @param operation the operation, for errors
	 * @param text the text of the answer
	 * @param schema the JSON Schema the answer must match
	 * @param type the type to bind the answer to
	 * @return the value
	 * @throws LlmResponseException if the text is not one JSON value, does not match the
	 * schema or cannot be bound to the type
	 */
	public static <T> T read(LlmOperation operation, String text, Map<String, Object> schema, Class<T> type) {
		JsonNode node = parse(operation, text);
		String problem = SchemaCheck.problem(schema, node);
		if (problem != null) {
			throw unusable(operation, "answer does not match the schema: " + problem, text, null);
		}
		T value;
		try {
			value = LlmJson.mapper().treeToValue(node, type);
		}
		catch (JacksonException ex) {
			throw unusable(operation,
					"answer cannot be read as " + type.getSimpleName() + " (" + ex.getOriginalMessage() + ")", text,
					ex);
		}
		if (value == null) {
			throw unusable(operation, "answer is JSON null", text, null);
		}
		return value;
	}

	private static JsonNode parse(LlmOperation operation, String text) {
		String json = unfenced(operation, text);
		if (json.isEmpty()) {
			throw unusable(operation, "answer is empty, not JSON", text, null);
		}
		try {
			return TREE.readTree(json);
		}
		catch (JacksonException ex) {
			throw unusable(operation, "answer is not valid JSON (" + ex.getOriginalMessage() + ")", text, ex);
		}
	}

	/**
	 * Return the text inside a Markdown code fence ({@code ```json … ```} or
	 * {@code ``` … ```}), or the text itself when it has none.
	 */
	static String unfenced(LlmOperation operation, String text) {
		String stripped = text.strip();
		if (!stripped.startsWith(FENCE)) {
			return stripped;
		}
		if (stripped.length() < 2 * FENCE.length() || !stripped.endsWith(FENCE)) {
			throw unusable(operation, "answer opens a code fence and does not close it at its end", text, null);
		}
		String inner = stripped.substring(FENCE.length(), stripped.length() - FENCE.length());
		int tag = 0;
		while (tag < inner.length() && Character.isLetterOrDigit(inner.charAt(tag))) {
			tag++;
		}
		String language = inner.substring(0, tag).toLowerCase(Locale.ROOT);
		if (!language.isEmpty() && !language.equals("json")) {
			throw unusable(operation, "answer is a code fence of '" + language + "', not of JSON", text, null);
		}
		return inner.substring(tag).strip();
	}

	private static LlmResponseException unusable(LlmOperation operation, String problem, String text,
			@Nullable Throwable cause) {
		return new LlmResponseException(operation, problem, text, cause);
	}

}
