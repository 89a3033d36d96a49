package dev.customllm.conformance;

import java.util.List;

import tools.jackson.databind.JsonNode;

import dev.customllm.conformance.Finding.Support;

/**
 * Probes of chat completions, text completions, streaming and tool calls.
 */
final class CompletionProbes {

	private final ProbeClient client;

	private final String model;

	CompletionProbes(ProbeClient client, String model) {
		this.client = client;
		this.model = model;
	}

	Finding chat() {
		ProbeResponse response = this.client.post("/chat/completions", Requests.chat(this.model, Requests.QUESTION));
		JsonNode content = response.json().path("choices").path(0).path("message").path("content");
		if (response.ok() && content.isString()) {
			return new Finding("chat completions", Support.YES, "answered \"" + brief(content.stringValue()) + "\"",
					"Default API (custom.llm.completion.api=chat).");
		}
		return new Finding("chat completions", Support.NO, response.summary(),
				"Set custom.llm.completion.api=text if text completions work.");
	}

	Finding text() {
		ProbeResponse response = this.client.post("/completions", Requests.text(this.model));
		JsonNode text = response.json().path("choices").path(0).path("text");
		if (response.ok() && text.isString()) {
			return new Finding("text completions", Support.YES, "answered \"" + brief(text.stringValue()) + "\"",
					"Used with custom.llm.completion.api=text.");
		}
		return new Finding("text completions", Support.NO, response.summary(),
				"Keep custom.llm.completion.api=chat (the default).");
	}

	Finding streaming() {
		ProbeResponse response = this.client.post("/chat/completions", Requests.streamedChat(this.model, false));
		if (!response.ok() || !response.contentType().startsWith("text/event-stream")) {
			return new Finding("streaming", Support.NO, response.summary() + " " + response.contentType(),
					"Use complete(); stream() fails with an LlmApiException.");
		}
		List<JsonNode> events = response.events();
		Support support = response.done() ? Support.YES : Support.PARTLY;
		String observed = events.size() + " events" + (response.done() ? " and [DONE]" : ", no [DONE]");
		String starter = response.done() ? "stream() emits one CompletionChunk per event."
				: "A stream without [DONE] ends in an LlmResponseException (cut stream).";
		return new Finding("streaming", support, observed, starter);
	}

	List<Finding> streamUsage() {
		ProbeResponse response = this.client.post("/chat/completions", Requests.streamedChat(this.model, true));
		if (!response.ok()) {
			return List.of(
					new Finding("stream_options", Support.NO, "refused: " + response.summary(),
							"Ask for no stream usage: streams from this service carry none."),
					noStreamUsage("not asked"));
		}
		boolean usage = response.events().stream().anyMatch((event) -> event.path("usage").isObject());
		Finding accepted = new Finding("stream_options", Support.YES, "accepted",
				"Streams may ask for usage (include_usage=true).");
		if (!usage) {
			return List.of(accepted, noStreamUsage("no usage chunk"));
		}
		return List.of(accepted, new Finding("usage in streams", Support.YES, "last chunk carries usage",
				"The last CompletionChunk carries usage()."));
	}

	private static Finding noStreamUsage(String observed) {
		return new Finding("usage in streams", Support.NO, observed,
				"The last CompletionChunk has no usage(); token counts of streams are unknown.");
	}

	Finding toolCalls() {
		ProbeResponse response = this.client.post("/chat/completions", Requests.toolCall(this.model));
		JsonNode call = response.json().path("choices").path(0).path("message").path("tool_calls").path(0);
		if (response.ok() && call.path("function").path("name").isString()) {
			return new Finding("tool calls", Support.YES, "called " + call.path("function").path("name").stringValue(),
					"Agent tools work.");
		}
		if (response.ok()) {
			return new Finding("tool calls", Support.PARTLY, "tools accepted, answered in text",
					"Agent tools depend on the model: choose one trained for function calling.");
		}
		return new Finding("tool calls", Support.NO, response.summary(),
				"Agents answer without tools; a request with tools fails with an LlmApiException.");
	}

	Finding errorFormat() {
		ProbeResponse response = this.client.post("/chat/completions", Requests.invalidChat(this.model));
		return ErrorFormat.of(response);
	}

	static String brief(String text) {
		String line = text.strip().replaceAll("\\s+", " ");
		return (line.length() > 30) ? line.substring(0, 30) + "..." : line;
	}

}
