package dev.customllm.test;

/**
 * Thrown when a request cannot be simulated; answered with HTTP 400 and an OpenAI error
 * body.
 */
final class InvalidRequestException extends RuntimeException {

	InvalidRequestException(String message) {
		super(message);
	}

}
