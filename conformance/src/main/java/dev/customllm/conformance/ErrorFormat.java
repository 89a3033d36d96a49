package dev.customllm.conformance;

import tools.jackson.databind.JsonNode;

import dev.customllm.conformance.Finding.Support;

/**
 * Classifies the answer to an invalid request by the shape of its error body.
 */
final class ErrorFormat {

	private static final String CAPABILITY = "error format";

	private ErrorFormat() {
	}

	static Finding of(ProbeResponse response) {
		if (response.ok()) {
			return new Finding(CAPABILITY, Support.NO, "invalid request accepted (" + response.status() + ")",
					"Bad answers surface later as an LlmResponseException.");
		}
		if (response.status() == 0) {
			return new Finding(CAPABILITY, Support.NO, response.summary(), "An LlmRequestException.");
		}
		JsonNode root = response.json();
		JsonNode error = root.path("error");
		String status = response.status() + ": ";
		if (error.isObject() && error.path("message").isString()) {
			return object(status, error);
		}
		if (error.isString() || root.path("detail").isString() || root.path("message").isString()) {
			return new Finding(CAPABILITY, Support.PARTLY, status + "message without an OpenAI error object",
					"LlmApiException with the message; no type or code.");
		}
		return new Finding(CAPABILITY, Support.PARTLY, status + "not JSON: " + response.summary(),
				"LlmApiException with a short excerpt of the body.");
	}

	private static Finding object(String status, JsonNode error) {
		JsonNode code = error.path("code");
		if (code.isNumber()) {
			return new Finding(CAPABILITY, Support.PARTLY, status + "OpenAI shape, numeric code " + code.asString(),
					"LlmApiException; the code is kept as text (\"" + code.asString() + "\").");
		}
		return new Finding(CAPABILITY, Support.YES, status + "OpenAI shape {\"error\":{message, type, code}}",
				"LlmApiException with the provider's message, type and code.");
	}

}
