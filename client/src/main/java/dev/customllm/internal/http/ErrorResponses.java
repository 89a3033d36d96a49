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
 * Turns a non-2xx answer into the matching {@link LlmApiException}. Reads the error
 * shapes that OpenAI-compatible services send ({@code {"error": {...}}}, {@code {"error":
 * "..."}}, a top-level {@code message}, FastAPI's {@code detail}) and falls back to a
 * short excerpt of any other body, such as a proxy's HTML page.
 *
 * @author Custom LLM team
 */
final class ErrorResponses {

	private static final byte[] ERROR_MEMBER = "\"error\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

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
		ProviderError error = (status >= 300 && status < 400) ? redirect(status, headers) : parse(status, body);
		if (status == 401 || status == 403) {
			return new LlmAuthenticationException(operation, status, error);
		}
		RetryHints hints = new RetryHints(RetryAfter.parse(headers, this.clock), shouldRetry(headers));
		if (status == 429) {
			return new LlmRateLimitException(operation, error, hints);
		}
		return new LlmApiException(operation, status, error, hints);
	}

	/**
	 * Describe a redirect, which the client never follows: an API client talks to one
	 * base URL, and following would send the prompt and the credentials elsewhere.
	 */
	private ProviderError redirect(int status, Function<String, @Nullable String> headers) {
		String location = headers.apply("location");
		String target = (location != null) ? "'" + redact(Endpoints.printable(withoutQuery(location))) + "'"
				: "no Location";
		return new ProviderError("redirect (HTTP " + status + ") to " + target
				+ " not followed: the client sends requests to its base URL only; set the base URL to the service's"
				+ " current address", null, null, null);
	}

	private static String withoutQuery(String location) {
		int query = location.indexOf('?');
		return (query >= 0) ? location.substring(0, query) : location;
	}

	/**
	 * Create the exception for a 2xx answer that holds an error object instead of an
	 * answer, as some gateways send: the provider's message, as for an error status.
	 * @param operation the operation that failed
	 * @param status the 2xx status
	 * @param body the body
	 * @return the exception
	 */
	public LlmApiException inSuccessfulAnswer(LlmOperation operation, int status, byte[] body) {
		return new LlmApiException(operation, status, parse(status, body), RetryHints.NONE);
	}

	/**
	 * Return whether a 2xx body is an error object rather than an answer: a JSON object
	 * whose first member is {@code error}, as in {@code {"error": {...}}}.
	 * @param body the body
	 * @param size the number of bytes of the body
	 * @return whether it holds an error
	 */
	static boolean isErrorObject(byte[] body, int size) {
		int i = skipWhitespace(body, 0, size);
		if (i >= size || body[i] != '{') {
			return false;
		}
		i = skipWhitespace(body, i + 1, size);
		byte[] name = ERROR_MEMBER;
		if (i + name.length > size) {
			return false;
		}
		for (int j = 0; j < name.length; j++) {
			if (body[i + j] != name[j]) {
				return false;
			}
		}
		return true;
	}

	private static int skipWhitespace(byte[] body, int from, int size) {
		int i = from;
		while (i < size && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) {
			i++;
		}
		return i;
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
		return new ProviderError((message != null) ? redact(message) : excerpt(status, body), firstText(error, "type"),
				firstText(error, "code"), firstText(error, "param"));
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
		return text.isEmpty() ? "non-JSON body (HTTP " + status + ")" : excerpt(text, EXCERPT_LENGTH);
	}

	/**
	 * Return the start of a text the service sent, masked first and then cut, so that a
	 * cut never shows a piece of a secret.
	 * @param text the text
	 * @param maxLength the most characters kept
	 * @return the excerpt
	 */
	String excerpt(String text, int maxLength) {
		return this.redactor.excerpt(text, maxLength);
	}

	private String redact(String text) {
		return this.redactor.redact(text);
	}

}
