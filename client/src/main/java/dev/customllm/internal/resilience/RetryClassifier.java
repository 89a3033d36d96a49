package dev.customllm.internal.resilience;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.customllm.LlmApiException;
import dev.customllm.LlmRequestException;

/**
 * Tells which failures are worth another attempt, and names the reason for logs and
 * metrics. Retried: HTTP 408, 409, 429, 500, 502, 503 and 504, refused or closed
 * connections and timeouts. Never retried: other statuses, a 429 whose quota is
 * exhausted, an answer with {@code x-should-retry: false}, TLS failures and unusable 2xx
 * answers.
 *
 * @author Custom LLM team
 */
public final class RetryClassifier {

	private static final Set<Integer> RETRYABLE_STATUSES = Set.of(408, 409, 429, 500, 502, 503, 504);

	private static final Set<String> CONTEXT_WINDOW_CODES = Set.of("context_length_exceeded",
			"exceed_context_size_error", "context_window_exceeded", "string_above_max_length");

	private static final List<String> CONTEXT_WINDOW_PHRASES = List.of("maximum context length", "context length",
			"context window", "context size", "too many tokens", "prompt is too long", "input is too long");

	private RetryClassifier() {
	}

	/**
	 * Return why the failure is worth retrying.
	 * @param failure the failure of one attempt
	 * @return the reason, such as {@code status_503} or {@code connection_refused}, or
	 * {@code null} when it is not worth retrying
	 */
	public static @Nullable String retryReason(Throwable failure) {
		if (failure instanceof LlmApiException api) {
			return retryReason(api);
		}
		if (failure instanceof LlmRequestException request) {
			return switch (request.kind()) {
				case CONNECTION_REFUSED, CONNECT_TIMEOUT, RESPONSE_TIMEOUT, CONNECTION_CLOSED, IO ->
					request.kind().name().toLowerCase(Locale.ROOT);
				default -> null;
			};
		}
		return null;
	}

	private static @Nullable String retryReason(LlmApiException failure) {
		Boolean shouldRetry = failure.hints().shouldRetry();
		if (shouldRetry != null) {
			return shouldRetry ? "status_" + failure.status() : null;
		}
		if (!RETRYABLE_STATUSES.contains(failure.status()) || isQuotaExhausted(failure)) {
			return null;
		}
		return "status_" + failure.status();
	}

	/**
	 * Return why the failure of a call to one deployment of a route is worth trying on
	 * another: every failure worth retrying, and also one the same deployment would
	 * repeat but another may not (any 5xx, a 429 whose quota is exhausted, an
	 * {@code x-should-retry: false} answer, an unknown host, TLS, a protocol error, the
	 * call's deadline, a client-side limit). Never a failure that the same request would
	 * meet everywhere: another 4xx status, an unusable or invalid answer, invalid input.
	 * @param failure the failure of the call, after the deployment's own retries
	 * @param extraStatuses further statuses that fail over, such as {@code 401}
	 * @return the reason, such as {@code status_503} or {@code connection_refused}, or
	 * {@code null} when another deployment would fail the same way
	 */
	public static @Nullable String failoverReason(Throwable failure, Set<Integer> extraStatuses) {
		if (failure instanceof LlmApiException api) {
			int status = api.status();
			return (RETRYABLE_STATUSES.contains(status) || status >= 500 || extraStatuses.contains(status))
					? "status_" + status : null;
		}
		if (failure instanceof LlmRequestException request) {
			return request.kind().name().toLowerCase(Locale.ROOT);
		}
		return null;
	}

	/**
	 * Return whether the service refused the request because it does not fit the model's
	 * context window: HTTP 400 (or 413) with the code {@code context_length_exceeded}
	 * (OpenAI), {@code exceed_context_size_error} (llama.cpp), or a message about the
	 * maximum context length (vLLM, Ollama, others).
	 * @param failure the failure of a call
	 * @return whether the prompt was too long for the model
	 */
	public static boolean isContextWindowExceeded(Throwable failure) {
		if (!(failure instanceof LlmApiException api) || (api.status() != 400 && api.status() != 413)) {
			return false;
		}
		if (CONTEXT_WINDOW_CODES.contains(String.valueOf(api.error().code()))
				|| CONTEXT_WINDOW_CODES.contains(String.valueOf(api.error().type()))) {
			return true;
		}
		String message = api.error().message().toLowerCase(Locale.ROOT);
		for (String phrase : CONTEXT_WINDOW_PHRASES) {
			if (message.contains(phrase)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isQuotaExhausted(LlmApiException failure) {
		return failure.status() == 429 && ("insufficient_quota".equals(failure.error().code())
				|| "insufficient_quota".equals(failure.error().type()));
	}

}
