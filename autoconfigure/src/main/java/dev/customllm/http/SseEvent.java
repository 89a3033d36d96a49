package dev.customllm.http;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One server-sent event, as dispatched by {@link SseDecoder}.
 *
 * @param type value of the {@code event:} field, or {@code null} for the default type
 * ({@code message})
 * @param data values of the event's {@code data:} lines, joined by {@code \n}; empty when
 * it had none
 * @param id last event ID seen so far in the stream ({@code id:}), if any
 * @param retry reconnection time the service asked for ({@code retry:}), if any
 * @param error value of an {@code error:} field, which older llama.cpp servers send
 * instead of a {@code data:} line when generation fails, if any
 * @author Custom LLM team
 */
public record SseEvent(@Nullable String type, String data, @Nullable String id, @Nullable Duration retry,
		@Nullable String error) {

	/**
	 * Payload with which OpenAI-compatible services end a stream.
	 */
	public static final String DONE = "[DONE]";

	/**
	 * Return whether this event reports a failure: its type is {@code error} or it has an
	 * {@code error:} field.
	 * @return whether the event is an error
	 */
	public boolean isError() {
		return "error".equals(this.type) || this.error != null;
	}

	/**
	 * Return whether this event ends the stream ({@code data: [DONE]}).
	 * @return whether the event is the end marker
	 */
	public boolean isDone() {
		return !isError() && DONE.equals(this.data.strip());
	}

}
