package dev.customllm.internal.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One server-sent event, as dispatched by {@link SseDecoder}. Its data is kept as the
 * UTF-8 bytes that arrived, so that a JSON payload is parsed from them without being
 * decoded to text first. Immutable.
 *
 * @author Custom LLM team
 */
final class SseEvent {

	/**
	 * Payload with which OpenAI-compatible services end a stream.
	 */
	public static final String DONE = "[DONE]";

	private static final byte[] DONE_BYTES = DONE.getBytes(StandardCharsets.US_ASCII);

	private final @Nullable String type;

	private final byte[] data;

	private final @Nullable String id;

	private final @Nullable Duration retry;

	private final @Nullable String error;

	/**
	 * Create an event.
	 * @param type value of the {@code event:} field, or {@code null} for the default type
	 * ({@code message})
	 * @param data values of the event's {@code data:} lines, joined by {@code \n}, as
	 * UTF-8; empty when it had none. Owned by the event from now on, not copied.
	 * @param id last event ID seen so far in the stream ({@code id:}), if any
	 * @param retry reconnection time the service asked for ({@code retry:}), if any
	 * @param error value of an {@code error:} field, which older llama.cpp servers send
	 * instead of a {@code data:} line when generation fails, if any
	 */
	SseEvent(@Nullable String type, byte[] data, @Nullable String id, @Nullable Duration retry,
			@Nullable String error) {
		this.type = type;
		this.data = data;
		this.id = id;
		this.retry = retry;
		this.error = error;
	}

	/**
	 * Return the value of the {@code event:} field.
	 * @return the type, or {@code null} for the default type ({@code message})
	 */
	public @Nullable String type() {
		return this.type;
	}

	/**
	 * Return the values of the event's {@code data:} lines, joined by {@code \n}.
	 * @return the data as text; empty when the event had none
	 */
	public String data() {
		return new String(this.data, StandardCharsets.UTF_8);
	}

	/**
	 * Return the data as the UTF-8 bytes that arrived; callers must not change them.
	 * @return the bytes
	 */
	byte[] dataBytes() {
		return this.data;
	}

	/**
	 * Return the last event ID seen so far in the stream.
	 * @return the ID, if any
	 */
	public @Nullable String id() {
		return this.id;
	}

	/**
	 * Return the reconnection time the service asked for.
	 * @return the time, if any
	 */
	public @Nullable Duration retry() {
		return this.retry;
	}

	/**
	 * Return the value of an {@code error:} field.
	 * @return the error, if any
	 */
	public @Nullable String error() {
		return this.error;
	}

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
		return !isError() && isDone(this.data, this.data.length);
	}

	/**
	 * Return whether event data is the end marker ({@code [DONE]}), white space aside.
	 * @param data the data, from index 0
	 * @param length how many bytes of {@code data} are the event's
	 * @return whether the data is the end marker
	 */
	static boolean isDone(byte[] data, int length) {
		int start = firstNonBlank(data, length);
		int end = length;
		while (end > start && isBlank(data[end - 1])) {
			end--;
		}
		return Arrays.equals(data, start, end, DONE_BYTES, 0, DONE_BYTES.length);
	}

	/**
	 * Return the index of the first byte of the data that is not white space.
	 * @return the index, or the data's length when there is none
	 */
	int firstNonBlank() {
		return firstNonBlank(this.data, this.data.length);
	}

	/**
	 * Return the index of the first byte of event data that is not white space.
	 * @param data the data, from index 0
	 * @param length how many bytes of {@code data} are the event's
	 * @return the index, or {@code length} when there is none
	 */
	static int firstNonBlank(byte[] data, int length) {
		int index = 0;
		while (index < length && isBlank(data[index])) {
			index++;
		}
		return index;
	}

	private static boolean isBlank(byte b) {
		return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f';
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof SseEvent event && Objects.equals(this.type, event.type)
				&& Arrays.equals(this.data, event.data) && Objects.equals(this.id, event.id)
				&& Objects.equals(this.retry, event.retry) && Objects.equals(this.error, event.error));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.type, Arrays.hashCode(this.data), this.id, this.retry, this.error);
	}

	@Override
	public String toString() {
		return "SseEvent[type=" + this.type + ", data=" + data() + ", id=" + this.id + ", retry=" + this.retry
				+ ", error=" + this.error + "]";
	}

}
