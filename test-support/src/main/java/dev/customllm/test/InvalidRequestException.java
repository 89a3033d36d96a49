package dev.customllm.test;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a request cannot be simulated; answered with HTTP 400 and an OpenAI error
 * body, naming the offending parameter and an error code when known.
 */
final class InvalidRequestException extends RuntimeException {

	private final @Nullable String param;

	private final @Nullable String code;

	InvalidRequestException(String message) {
		this(message, null, null);
	}

	InvalidRequestException(String message, @Nullable String param, @Nullable String code) {
		super(message);
		this.param = param;
		this.code = code;
	}

	@Nullable String param() {
		return this.param;
	}

	@Nullable String code() {
		return this.code;
	}

}
