package dev.customllm.internal.resilience;

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

	private static boolean isQuotaExhausted(LlmApiException failure) {
		return failure.status() == 429 && ("insufficient_quota".equals(failure.error().code())
				|| "insufficient_quota".equals(failure.error().type()));
	}

}
