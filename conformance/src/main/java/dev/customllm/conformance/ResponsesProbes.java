package dev.customllm.conformance;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.customllm.conformance.Finding.Support;

/**
 * Probes of OpenAI's Responses API ({@code POST /responses}), which
 * {@code custom.llm.completion.api=responses} calls: a stateless answer, its typed event
 * stream, function tools and reasoning summaries.
 */
final class ResponsesProbes {

	private static final String USE = "Works with custom.llm.completion.api=responses.";

	private final ProbeClient client;

	private final String model;

	ResponsesProbes(ProbeClient client, String model) {
		this.client = client;
		this.model = model;
	}

	Finding answer() {
		ProbeResponse response = this.client.post("/responses", request(Requests.QUESTION));
		String text = outputText(response.json());
		if (response.ok() && !text.isEmpty()) {
			return new Finding("responses", Support.YES, "answered \"" + CompletionProbes.brief(text) + "\"", USE);
		}
		if (response.ok()) {
			return new Finding("responses", Support.PARTLY, "answered without output_text",
					"Keep custom.llm.completion.api=chat: an answer without output is an LlmResponseException.");
		}
		return new Finding("responses", Support.NO, response.summary(),
				"Keep custom.llm.completion.api=chat (the default).");
	}

	Finding streaming() {
		ProbeResponse response = this.client.post("/responses", request(Requests.QUESTION).put("stream", true));
		if (!response.ok() || !response.contentType().startsWith("text/event-stream")) {
			return new Finding("responses streaming", Support.NO, response.summary() + " " + response.contentType(),
					"With custom.llm.completion.api=responses use complete(); stream() fails.");
		}
		List<JsonNode> events = response.events();
		long deltas = events.stream().filter((event) -> type(event).equals("response.output_text.delta")).count();
		JsonNode completed = events.stream()
			.filter((event) -> type(event).equals("response.completed"))
			.findFirst()
			.orElse(null);
		String observed = events.size() + " events, " + deltas + " text deltas";
		if (completed == null) {
			return new Finding("responses streaming", Support.PARTLY, observed + ", no response.completed",
					"A stream without response.completed ends in an LlmResponseException (cut stream).");
		}
		boolean usage = completed.path("response").path("usage").isObject();
		return new Finding("responses streaming", usage ? Support.YES : Support.PARTLY,
				observed + ", response.completed" + (usage ? " with usage" : " without usage"),
				usage ? "stream() emits the text deltas; the last chunk carries usage()."
						: "stream() works; the last chunk has no usage().");
	}

	Finding toolCalls() {
		ObjectNode body = request("What is the weather in Paris? Use the get_weather tool.");
		ObjectNode tool = body.putArray("tools")
			.addObject()
			.put("type", "function")
			.put("name", "get_weather")
			.put("description", "Current weather of a city")
			.put("strict", false);
		ObjectNode parameters = tool.putObject("parameters").put("type", "object");
		parameters.putObject("properties").putObject("city").put("type", "string");
		parameters.putArray("required").add("city");
		ProbeResponse response = this.client.post("/responses", body);
		JsonNode call = output(response.json(), "function_call");
		if (response.ok() && call != null && call.path("call_id").isString()) {
			return new Finding("responses tool calls", Support.YES, "called " + call.path("name").asString("?"),
					"Agent tools work on the Responses API.");
		}
		if (response.ok()) {
			return new Finding("responses tool calls", Support.PARTLY, "tools accepted, answered in text",
					"Agent tools depend on the model: choose one trained for function calling.");
		}
		return new Finding("responses tool calls", Support.NO, response.summary(),
				"Agents with tools fail on the Responses API here: keep custom.llm.completion.api=chat for them.");
	}

	Finding reasoning() {
		ObjectNode body = request(Requests.QUESTION);
		body.putObject("reasoning").put("effort", "low").put("summary", "auto");
		ProbeResponse response = this.client.post("/responses", body);
		JsonNode reasoning = output(response.json(), "reasoning");
		String summary = (reasoning != null) ? reasoningText(reasoning) : "";
		if (response.ok() && !summary.isEmpty()) {
			int tokens = response.json().path("usage").path("output_tokens_details").path("reasoning_tokens").asInt(-1);
			return new Finding("responses reasoning", Support.YES,
					"summary \"" + CompletionProbes.brief(summary) + "\""
							+ ((tokens >= 0) ? ", " + tokens + " reasoning tokens" : ""),
					"reasoning() carries the summary; usage().reasoningTokens() the tokens.");
		}
		if (response.ok()) {
			return new Finding("responses reasoning", Support.PARTLY, "accepted, no reasoning summary",
					"reasoningEffort is accepted; reasoning() stays null (not a reasoning model?).");
		}
		return new Finding("responses reasoning", Support.NO, response.summary(),
				"Leave reasoningEffort unset on this service.");
	}

	private ObjectNode request(String question) {
		return ProbeClient.json.createObjectNode()
			.put("model", this.model)
			.put("input", question)
			.put("max_output_tokens", 256)
			.put("store", false);
	}

	private static String type(JsonNode event) {
		return event.path("type").asString("");
	}

	private static String outputText(JsonNode answer) {
		StringBuilder text = new StringBuilder();
		for (JsonNode item : answer.path("output").values()) {
			if (type(item).equals("message")) {
				for (JsonNode part : item.path("content").values()) {
					if (type(part).equals("output_text")) {
						text.append(part.path("text").asString(""));
					}
				}
			}
		}
		return text.toString();
	}

	private static String reasoningText(JsonNode item) {
		StringBuilder text = new StringBuilder();
		for (JsonNode part : item.path("summary").values()) {
			text.append(part.path("text").asString(""));
		}
		for (JsonNode part : item.path("content").values()) {
			text.append(part.path("text").asString(""));
		}
		return text.toString();
	}

	private static @Nullable JsonNode output(JsonNode answer, String type) {
		for (JsonNode item : answer.path("output").values()) {
			if (type(item).equals(type)) {
				return item;
			}
		}
		return null;
	}

}
