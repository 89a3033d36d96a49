package dev.customllm;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The service answered with a non-2xx status.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public class LlmApiException extends LlmException {

	private final int status;

	private final ProviderError error;

	private final RetryHints hints;

	/**
	 * Create a new instance.
	 * @param operation the operation that failed
	 * @param status the HTTP status code
	 * @param error the error as the service described it
	 * @param hints what the service said about trying again
	 */
	public LlmApiException(LlmOperation operation, int status, ProviderError error, RetryHints hints) {
		super(operation, describe(status, error), null);
		this.status = status;
		this.error = error;
		this.hints = hints;
	}

	private static String describe(int status, ProviderError error) {
		StringBuilder message = new StringBuilder("HTTP ").append(status);
		if (error.type() != null || error.code() != null) {
			message.append(" [");
			message.append((error.type() != null) ? error.type() : "");
			message.append((error.type() != null && error.code() != null) ? "/" : "");
			message.append((error.code() != null) ? error.code() : "");
			message.append(']');
		}
		return message.append(": ").append(error.message()).toString();
	}

	/**
	 * Return the HTTP status code of the answer.
	 * @return the status code
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Return the error as the service described it.
	 * @return the provider error
	 */
	public ProviderError error() {
		return this.error;
	}

	/**
	 * Return the delay the service asked for before trying again.
	 * @return the delay, or empty when the service gave none
	 */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.hints.retryAfter());
	}

	/**
	 * Return what the service said about trying again with {@code x-should-retry}.
	 * @return the hints
	 */
	public RetryHints hints() {
		return this.hints;
	}

	/**
	 * What a service said about trying again.
	 *
	 * @param retryAfter delay from {@code retry-after-ms} or {@code Retry-After}, if any
	 * @param shouldRetry value of {@code x-should-retry}, if the service sent it
	 */
	public record RetryHints(@Nullable Duration retryAfter, @Nullable Boolean shouldRetry) {

		/**
		 * No hints.
		 */
		public static final RetryHints NONE = new RetryHints(null, null);

	}

	/**
	 * An error as described by the service: parsed from an OpenAI-style error object when
	 * the body is JSON, or a short excerpt of the body when it is not.
	 *
	 * @param message the provider's message, or an excerpt of the body
	 * @param type the provider's error type, if any
	 * @param code the provider's error code, if any
	 * @param param the request parameter the error refers to, if any
	 */
	public record ProviderError(String message, @Nullable String type, @Nullable String code, @Nullable String param) {

	}

}
