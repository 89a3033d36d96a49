package dev.customllm.sample.assistant;

import dev.customllm.LlmException;
import dev.customllm.completion.CompletionChunk;
import org.jspecify.annotations.Nullable;

import org.springframework.http.codec.ServerSentEvent;

/**
 * The server-sent events of a streamed answer: unnamed events carrying {@code {"text":
 * …}} fragments, then one {@code done} event with the finish reason, or a {@code failure}
 * event with a message. Data is JSON so that the spaces and line breaks of fragments
 * survive.
 *
 * @author Custom LLM team
 */
final class AnswerEvents {

	static final String DONE = "done";

	static final String FAILURE = "failure";

	private AnswerEvents() {
	}

	static ServerSentEvent<Object> of(CompletionChunk chunk) {
		if (chunk.last()) {
			return ServerSentEvent.<Object>builder(new Done(chunk.finishReason())).event(DONE).build();
		}
		return ServerSentEvent.<Object>builder(new Fragment(chunk.text())).build();
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
