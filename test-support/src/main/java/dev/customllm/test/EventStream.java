package dev.customllm.test;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders server-sent events the way OpenAI streams them, dribbled out over a short time
 * so that clients see the answer arrive in parts.
 */
final class EventStream {

	private static final int WORDS_PER_FRAGMENT = 3;

	private static final int DURATION_MILLIS = 300;

	private EventStream() {
	}

	/**
	 * Render the given events followed by {@code data: [DONE]}.
	 * @param events the event payloads
	 * @return the streamed response
	 */
	static ResponseDefinition of(List<ObjectNode> events) {
		return render(events, true);
	}

	/**
	 * Render the given events and end the stream without {@code data: [DONE]}, the way a
	 * stream cut by the service or a proxy looks to a client.
	 * @param events the event payloads
	 * @return the streamed response
	 */
	static ResponseDefinition cut(List<ObjectNode> events) {
		return render(events, false);
	}

	/**
	 * Render events the way the Responses API streams them: each with an {@code event:}
	 * line naming its {@code type}, and no {@code data: [DONE]} (the stream ends after
	 * its {@code response.completed}).
	 * @param events the event payloads, each with its {@code type}
	 * @return the streamed response
	 */
	static ResponseDefinition typed(List<ObjectNode> events) {
		StringBuilder body = new StringBuilder();
		events.forEach((event) -> body.append("event: ")
			.append(event.path("type").asString(""))
			.append("\ndata: ")
			.append(SimulatorEndpoint.json.writeValueAsString(event))
			.append("\n\n"));
		return SimulatorEndpoint.answer(200, "text/event-stream", body.toString())
			.withHeader("Cache-Control", "no-cache")
			.withChunkedDribbleDelay(events.size(), DURATION_MILLIS)
			.build();
	}

	private static ResponseDefinition render(List<ObjectNode> events, boolean done) {
		StringBuilder body = new StringBuilder();
		events.forEach((event) -> body.append("data: ")
			.append(SimulatorEndpoint.json.writeValueAsString(event))
			.append("\n\n"));
		if (done) {
			body.append("data: [DONE]\n\n");
		}
		return SimulatorEndpoint.answer(200, "text/event-stream", body.toString())
			.withHeader("Cache-Control", "no-cache")
			.withChunkedDribbleDelay(events.size() + 1, DURATION_MILLIS)
			.build();
	}

	/**
	 * Split an answer into fragments of a few words that concatenate back to it.
	 * @param text the answer text, its words separated by single spaces
	 * @return the fragments
	 */
	static List<String> fragments(String text) {
		List<String> words = SimulatedText.words(text);
		List<String> fragments = new ArrayList<>();
		for (int start = 0; start < words.size(); start += WORDS_PER_FRAGMENT) {
			String fragment = String.join(" ",
					words.subList(start, Math.min(start + WORDS_PER_FRAGMENT, words.size())));
			fragments.add((start > 0) ? " " + fragment : fragment);
		}
		return fragments;
	}

}
