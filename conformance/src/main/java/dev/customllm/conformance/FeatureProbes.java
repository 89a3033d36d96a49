package dev.customllm.conformance;

import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.customllm.conformance.Finding.Support;

/**
 * Probes of structured output ({@code response_format} {@code json_schema} and
 * {@code json_object}) and of images in messages.
 */
final class FeatureProbes {

	private final ProbeClient client;

	private final String model;

	FeatureProbes(ProbeClient client, String model) {
		this.client = client;
		this.model = model;
	}

	Finding jsonSchema() {
		ProbeResponse response = this.client.post("/chat/completions", Requests.jsonSchema(this.model));
		String capability = "response_format json_schema";
		if (!response.ok()) {
			if (refusedFormat(response)) {
				return new Finding(capability, Support.NO, "refused: " + response.summary(),
						"complete(request, Type.class) sends json_object with the schema in the system message "
								+ "instead, once per model, and checks the answer as before.");
			}
			return new Finding(capability, Support.NO, response.summary(),
					"Structured output fails with an LlmApiException.");
		}
		String content = content(response);
		if (answer(content) != null) {
			return new Finding(capability, Support.YES, "answered " + CompletionProbes.brief(content),
					"complete(request, Type.class) asks for the type's JSON Schema.");
		}
		if (answer(unfenced(content)) != null) {
			return new Finding(capability, Support.PARTLY, "answered JSON in a code fence",
					"The fence is stripped and the answer checked against the schema.");
		}
		return new Finding(capability, Support.PARTLY, "accepted, answered \"" + CompletionProbes.brief(content) + "\"",
				"Answers that do not match fail with an LlmResponseException: set repairAttempts(1), "
						+ "or serve the model with guided decoding.");
	}

	Finding jsonObject() {
		ProbeResponse response = this.client.post("/chat/completions", Requests.jsonObject(this.model));
		String capability = "response_format json_object";
		if (!response.ok()) {
			return new Finding(capability, Support.NO, response.summary(),
					"ResponseFormat.json(), and the fallback from a refused json_schema, fail with an LlmApiException.");
		}
		String content = unfenced(content(response));
		Support support = (json(content) != null && json(content).isObject()) ? Support.YES : Support.PARTLY;
		return new Finding(capability, support, "answered " + CompletionProbes.brief(content),
				(support == Support.YES) ? "ResponseFormat.json() works, and so does the json_schema fallback."
						: "JSON mode is not enforced: typed answers depend on the model.");
	}

	Finding images() {
		ProbeResponse response = this.client.post("/chat/completions", Requests.image(this.model));
		JsonNode content = response.json().path("choices").path(0).path("message").path("content");
		if (response.ok() && content.isString()) {
			return new Finding("images", Support.YES,
					"answered \"" + CompletionProbes.brief(content.stringValue()) + "\"",
					"Message.user(List<ContentPart>) with images works.");
		}
		return new Finding("images", Support.NO, response.summary(),
				"Use a vision model; messages with images fail with an LlmApiException.");
	}

	private static String content(ProbeResponse response) {
		return response.json().path("choices").path(0).path("message").path("content").asString("");
	}

	private static boolean refusedFormat(ProbeResponse response) {
		String text = response.summary().toLowerCase(Locale.ROOT);
		return (response.status() == 400 || response.status() == 422)
				&& (text.contains("response_format") || text.contains("json_schema"));
	}

	private static JsonNode answer(String content) {
		JsonNode json = json(content);
		return (json != null && json.path("answer").isString()) ? json : null;
	}

	private static JsonNode json(String content) {
		try {
			return ProbeClient.json.readTree(content.strip());
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String unfenced(String content) {
		String text = content.strip();
		if (text.startsWith("```") && text.endsWith("```") && text.length() >= 6) {
			return text.substring(3, text.length() - 3).replaceFirst("^[A-Za-z]*", "").strip();
		}
		return text;
	}

}
