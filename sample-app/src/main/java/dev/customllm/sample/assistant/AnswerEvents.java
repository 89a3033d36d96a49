package dev.customllm.sample.assistant;

import java.util.ArrayList;
import java.util.List;

import dev.customllm.LlmException;
import dev.customllm.completion.CompletionChunk;
import org.jspecify.annotations.Nullable;

import org.springframework.http.codec.ServerSentEvent;

/**
 * The server-sent events of a streamed answer: unnamed events carrying {@code {"text":
 * …}} fragments, {@code reasoning} events carrying the fragments of a reasoning model's
 * thinking the same way, then one {@code done} event with the finish reason, or a
 * {@code failure} event with a message. Data is JSON so that the spaces and line breaks
 * of fragments survive.
 *
 * @author Custom LLM team
 */
final class AnswerEvents {

	static final String DONE = "done";

	static final String FAILURE = "failure";

	static final String REASONING = "reasoning";

	private AnswerEvents() {
	}

	/**
	 * Return the events of a chunk: a {@code reasoning} event for a piece of the model's
	 * reasoning, an unnamed event for a piece of the answer, and {@code done} at the end.
	 * @param chunk the chunk
	 * @return its events, in order
	 */
	static List<ServerSentEvent<Object>> of(CompletionChunk chunk) {
		List<ServerSentEvent<Object>> events = new ArrayList<>(2);
		String reasoning = chunk.reasoning();
		if (reasoning != null && !reasoning.isEmpty()) {
			events.add(ServerSentEvent.<Object>builder(new Fragment(reasoning)).event(REASONING).build());
		}
		if (!chunk.text().isEmpty()) {
			events.add(ServerSentEvent.<Object>builder(new Fragment(chunk.text())).build());
		}
		if (chunk.last()) {
			events.add(ServerSentEvent.<Object>builder(new Done(chunk.finishReason())).event(DONE).build());
		}
		return events;
	}

	static ServerSentEvent<Object> failure(LlmException ex) {
		return ServerSentEvent.<Object>builder(new Failure(ex.getMessage())).event(FAILURE).build();
	}

	/**
	 * Data of a fragment event.
	 *
	 * @param text the next piece of the answer
	 */
	record Fragment(String text) {

	}

	/**
	 * Data of the {@code done} event.
	 *
	 * @param finishReason why the model stopped, if the service said
	 */
	record Done(@Nullable String finishReason) {

	}

	/**
	 * Data of the {@code failure} event.
	 *
	 * @param message what went wrong
	 */
	record Failure(@Nullable String message) {

	}

}
