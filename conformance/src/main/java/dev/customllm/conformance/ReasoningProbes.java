package dev.customllm.conformance;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.customllm.conformance.Finding.Support;

/**
 * Probes what today's servers add to chat answers: the model's reasoning (in
 * {@code reasoning_content}, in {@code reasoning}, or inline in {@code <think>} tags),
 * {@code reasoning_effort}, the usage details and the log-probabilities.
 */
final class ReasoningProbes {

	private static final String QUESTION = "Is 17 a prime number? Answer yes or no.";

	private static final List<String> FIELDS = List.of("reasoning_content", "reasoning");

	private final ProbeClient client;

	private final String model;

	ReasoningProbes(ProbeClient client, String model) {
		this.client = client;
		this.model = model;
	}

	/**
	 * Probe reasoning, {@code reasoning_effort} and the usage details with one unary
	 * question and one stream.
	 * @return the findings
	 */
	List<Finding> reasoning() {
		List<Finding> findings = new ArrayList<>();
		ObjectNode request = Requests.chat(this.model, QUESTION).put("max_tokens", 1024).put("reasoning_effort", "low");
		ProbeResponse response = this.client.post("/chat/completions", request);
		boolean effort = response.ok();
		if (!effort) {
			request.remove("reasoning_effort");
			response = this.client.post("/chat/completions", request);
		}
		findings.add(effort
				? new Finding("reasoning_effort", Support.YES, "accepted",
						"CompletionRequest.Builder.reasoningEffort(..) is sent as reasoning_effort.")
				: new Finding("reasoning_effort", Support.NO, "refused",
						"Leave reasoningEffort unset for this model."));
		findings.add(reasoning(response.json().path("choices").path(0).path("message"), response));
		findings.add(streamedReasoning(request.put("stream", true)));
		findings.add(usageDetails(response.json().path("usage"), response));
		return findings;
	}

	private static Finding reasoning(JsonNode message, ProbeResponse response) {
		if (!response.ok()) {
			return new Finding("reasoning", Support.NO, response.summary(), "CompletionResponse.reasoning() is null.");
		}
		for (String field : FIELDS) {
			if (message.path(field).isString() && !message.path(field).stringValue().isBlank()) {
				return new Finding("reasoning", Support.YES, "message." + field,
						"CompletionResponse.reasoning() carries it, apart from text().");
			}
		}
		if (message.path("content").asString("").stripLeading().startsWith("<think>")) {
			return thinkTags("reasoning");
		}
		return noReasoning("reasoning");
	}

	private Finding streamedReasoning(ObjectNode request) {
		ProbeResponse response = this.client.post("/chat/completions", request);
		if (!response.ok()) {
			return new Finding("reasoning in streams", Support.NO, response.summary(),
					"CompletionChunk.reasoning() is null.");
		}
		StringBuilder content = new StringBuilder();
		for (JsonNode event : response.events()) {
			JsonNode delta = event.path("choices").path(0).path("delta");
			for (String field : FIELDS) {
				if (delta.path(field).isString() && !delta.path(field).stringValue().isEmpty()) {
					return new Finding("reasoning in streams", Support.YES, "delta." + field,
							"CompletionChunk.reasoning() carries the pieces; their text() is empty.");
				}
			}
			content.append(delta.path("content").asString(""));
		}
		if (content.toString().stripLeading().startsWith("<think>")) {
			return thinkTags("reasoning in streams");
		}
		return noReasoning("reasoning in streams");
	}

	private static Finding thinkTags(String capability) {
		return new Finding(capability, Support.PARTLY, "inline <think> in the content",
				"Set custom.llm.completion.split-think-tags=true (or start the server with a reasoning parser).");
	}

	private static Finding noReasoning(String capability) {
		return new Finding(capability, Support.NO, "none",
				"The model does not reason, or the server runs no reasoning parser: reasoning() is null.");
	}

	private static Finding usageDetails(JsonNode usage, ProbeResponse response) {
		boolean cached = usage.path("prompt_tokens_details").path("cached_tokens").isIntegralNumber();
		boolean reasoning = usage.path("completion_tokens_details").path("reasoning_tokens").isIntegralNumber();
		String starter = "Usage.cachedTokens() " + (cached ? "and" : "is null;") + " Usage.reasoningTokens() "
				+ (reasoning ? "carry them; the token meters count them." : "is null.");
		if (!response.ok() || (!cached && !reasoning)) {
			return new Finding("usage details", Support.NO, response.ok() ? "none" : response.summary(),
					"Usage.cachedTokens() and Usage.reasoningTokens() are null.");
		}
		String observed = (cached ? "cached_tokens" : "") + ((cached && reasoning) ? ", " : "")
				+ (reasoning ? "reasoning_tokens" : "");
		return new Finding("usage details", (cached && reasoning) ? Support.YES : Support.PARTLY, observed, starter);
	}

	/**
	 * Probe the log-probabilities of the answer's tokens, with two alternatives each.
	 * @return the finding
	 */
	Finding logprobs() {
		ObjectNode request = Requests.chat(this.model, Requests.QUESTION).put("logprobs", true).put("top_logprobs", 2);
		ProbeResponse response = this.client.post("/chat/completions", request);
		if (!response.ok()) {
			return new Finding("logprobs", Support.NO, "refused: " + response.summary(),
					"Leave logprobs unset; CompletionResponse.logprobs() is empty.");
		}
		JsonNode first = response.json().path("choices").path(0).path("logprobs").path("content").path(0);
		if (!first.path("token").isString() || !first.path("logprob").isNumber()) {
			return new Finding("logprobs", Support.NO, "accepted, none returned",
					"CompletionResponse.logprobs() is empty.");
		}
		if (first.path("top_logprobs").size() < 2) {
			return new Finding("logprobs", Support.PARTLY, "tokens without top_logprobs",
					"CompletionResponse.logprobs() has each token; topLogprobs() is empty.");
		}
		return new Finding("logprobs", Support.YES, "tokens with top_logprobs",
				"CompletionResponse.logprobs() and CompletionChunk.logprobs() carry them.");
	}

}
