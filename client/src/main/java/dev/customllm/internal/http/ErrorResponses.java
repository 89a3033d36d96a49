package dev.customllm.internal.http;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.customllm.LlmApiException;
import dev.customllm.LlmApiException.ProviderError;
import dev.customllm.LlmApiException.RetryHints;
import dev.customllm.LlmAuthenticationException;
import dev.customllm.LlmOperation;
import dev.customllm.LlmRateLimitException;

/**
 * Turns a non-2xx answer into the matching {@link LlmApiException}. Reads the error shapes
 * that OpenAI-compatible services send ({@code {"error": {...}}}, {@code {"error": "..."}},
 * a top-level {@code message}, FastAPI's {@code detail}) and falls back to a short excerpt
 * of any other body, such as a proxy's HTML page.
 *
 * @author Custom LLM team
 */
public final class ErrorResponses {

	private static final int EXCERPT_LENGTH = 200;

	private final JsonMapper jsonMapper;

	private final SecretRedactor redactor;

	private final Clock clock;

	/**
	 * Create a new instance.
	 * @param jsonMapper the mapper to read JSON error bodies with
	 * @param redactor removes secrets from what the service sent back
	 * @param clock the clock to read {@code Retry-After} dates with
	 */
	public ErrorResponses(JsonMapper jsonMapper, SecretRedactor redactor, Clock clock) {
		this.jsonMapper = jsonMapper;
		this.redactor = redactor;
		this.clock = clock;
	}

	/**
	 * Create the exception for a non-2xx answer.
	 * @param operation the operation that failed
	 * @param status the HTTP status code
	 * @param headers the value of a response header by its case-insensitive name, or
	 * {@code null}
	 * @param body the response body, possibly empty
	 * @return the exception
	 */
	public LlmApiException toException(LlmOperation operation, int status, Function<String, @Nullable String> headers,
			byte[] body) {
		ProviderError error = parse(status, body);
		if (status == 401 || status == 403) {
			return new LlmAuthenticationException(operation, status, error);
		}
		RetryHints hints = new RetryHints(RetryAfter.parse(headers, this.clock), shouldRetry(headers));
		if (status == 429) {
			return new LlmRateLimitException(operation, error, hints);
		}
		return new LlmApiException(operation, status, error, hints);
	}

	private static @Nullable Boolean shouldRetry(Function<String, @Nullable String> headers) {
		String value = headers.apply("x-should-retry");
		if ("true".equalsIgnoreCase(value)) {
			return Boolean.TRUE;
		}
		return "false".equalsIgnoreCase(value) ? Boolean.FALSE : null;
	}

	private ProviderError parse(int status, byte[] body) {
		JsonNode root = readTree(body);
		if (root == null) {
			return new ProviderError(excerpt(status, body), null, null, null);
		}
		JsonNode error = root.has("error") ? root.get("error") : root;
		if (error.isString()) {
			return new ProviderError(redact(error.asString()), null, null, null);
		}
		String message = firstText(error, "message", "detail", "msg");
		return new ProviderError((message != null) ? redact(message) : excerpt(status, body),
				firstText(error, "type"), firstText(error, "code"), firstText(error, "param"));
	}

	private @Nullable JsonNode readTree(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		try {
			JsonNode node = this.jsonMapper.readTree(body);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private @Nullable String firstText(JsonNode node, String... names) {
		for (String name : names) {
			JsonNode value = node.get(name);
			if (value != null && !value.isNull()) {
				return value.isValueNode() ? value.asString() : value.toString();
			}
		}
		return null;
	}

	private String excerpt(int status, byte[] body) {
		if (body.length == 0) {
			return "empty body (HTTP " + status + ")";
		}
		String text = new String(body, 0, Math.min(body.length, EXCERPT_LENGTH * 4), StandardCharsets.UTF_8)
			.replaceAll("<[^>]*(>|$)", " ")
			.replaceAll("\\s+", " ")
			.trim();
		String excerpt = (text.length() > EXCERPT_LENGTH) ? text.substring(0, EXCERPT_LENGTH) + "…" : text;
		return redact(excerpt.isEmpty() ? "non-JSON body (HTTP " + status + ")" : excerpt);
	}

	private String redact(String text) {
		return this.redactor.redact(text);
	}

}
