package dev.customllm.test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Simulated log-probabilities of an answer's tokens, for a request that sets
 * {@code logprobs}: one entry per word (with the space before it), a log-probability
 * derived from its position, and {@code top_logprobs} alternatives when asked for.
 */
final class SimulatedLogprobs {

	private SimulatedLogprobs() {
	}

	/**
	 * Return whether a request asks for log-probabilities.
	 * @param request the request body
	 * @return whether {@code logprobs} is {@code true}
	 */
	static boolean asked(ObjectNode request) {
		return request.path("logprobs").asBoolean(false);
	}

	/**
	 * Return the {@code logprobs} object of a piece of text.
	 * @param request the request body, for {@code top_logprobs}
	 * @param text the text, its words separated by single spaces
	 * @param first the position of the text's first token in the answer
	 * @return the object, with one entry per token in {@code content}
	 */
	static ObjectNode of(ObjectNode request, String text, int first) {
		ObjectNode logprobs = SimulatorEndpoint.json.createObjectNode();
		ArrayNode content = logprobs.putArray("content");
		int top = Math.max(0, request.path("top_logprobs").asInt(0));
		List<String> words = SimulatedText.words(text);
		boolean leadingSpace = text.startsWith(" ");
		for (int i = 0; i < words.size(); i++) {
			String token = ((i > 0 || leadingSpace) ? " " : "") + words.get(i);
			double logprob = -0.01 - ((first + i) % 7) * 0.1;
			ObjectNode entry = entry(content.addObject(), token, logprob);
			ArrayNode alternatives = entry.putArray("top_logprobs");
			for (int k = 0; k < top; k++) {
				entry(alternatives.addObject(), (k == 0) ? token : token + "~" + k, logprob - k);
			}
		}
		logprobs.putNull("refusal");
		return logprobs;
	}

	private static ObjectNode entry(ObjectNode entry, String token, double logprob) {
		entry.put("token", token);
		entry.put("logprob", Math.round(logprob * 1000) / 1000.0);
		ArrayNode bytes = entry.putArray("bytes");
		for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
			bytes.add(b & 0xff);
		}
		return entry;
	}

}
