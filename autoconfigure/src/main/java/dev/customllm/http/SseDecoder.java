package dev.customllm.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.buffer.DataBufferLimitException;

/**
 * Decodes a {@code text/event-stream} body, fed in pieces as they arrive, into
 * {@link SseEvent events}, following the WHATWG event stream rules. Lines end with
 * {@code \r\n}, {@code \n} or {@code \r}; a blank line dispatches the event; lines
 * starting with {@code :} are comments (keep-alives); {@code data:} lines accumulate.
 * Pieces may split the stream anywhere, even inside a line ending or a multi-byte UTF-8
 * character: bytes are buffered and lines decoded whole.
 * <p>
 * Holds at most one event at a time, so memory does not grow with the stream. Not
 * thread-safe: one instance per stream, fed in order.
 *
 * @author Custom LLM team
 */
public final class SseDecoder {

	private static final byte CR = '\r';

	private static final byte LF = '\n';

	private final int maxEventSize;

	private byte[] line = new byte[256];

	private int lineLength;

	private boolean afterCr;

	private boolean firstLine = true;

	private final StringBuilder data = new StringBuilder();

	private boolean hasData;

	private @Nullable String type;

	private @Nullable String id;

	private @Nullable Duration retry;

	private @Nullable StringBuilder error;

	/**
	 * Create a decoder.
	 * @param maxEventSize the largest event accepted, in bytes; a bigger one fails with a
	 * {@link DataBufferLimitException} instead of filling the memory
	 */
	public SseDecoder(int maxEventSize) {
		this.maxEventSize = maxEventSize;
	}

	/**
	 * Decode the next piece of the stream.
	 * @param bytes the piece
	 * @return the events completed by this piece, possibly none
	 * @throws DataBufferLimitException if an event is larger than the maximum
	 */
	public List<SseEvent> decode(byte[] bytes) {
		List<SseEvent> events = new ArrayList<>(2);
		for (byte b : bytes) {
			if (b == LF && this.afterCr) {
				this.afterCr = false;
				continue;
			}
			this.afterCr = (b == CR);
			if (b == CR || b == LF) {
				endLine(events);
			}
			else {
				append(b);
			}
		}
		return events;
	}

	/**
	 * End the stream. An event without its closing blank line is dropped, as the event
	 * stream rules require, unless it is {@code data: [DONE]} or an error, which servers
	 * commonly send without one.
	 * @return the last event, if the stream ended with one of those
	 */
	public @Nullable SseEvent finish() {
		List<SseEvent> events = new ArrayList<>(1);
		if (this.lineLength > 0) {
			endLine(events);
		}
		SseEvent last = pending();
		return (last != null && (last.isDone() || last.isError())) ? last : null;
	}

	private void append(byte b) {
		if (this.lineLength == this.line.length) {
			checkSize(this.lineLength + 1);
			this.line = Arrays.copyOf(this.line, Math.min(this.line.length * 2, this.maxEventSize + 1));
		}
		this.line[this.lineLength++] = b;
	}

	private void endLine(List<SseEvent> events) {
		String text = new String(this.line, 0, this.lineLength, StandardCharsets.UTF_8);
		this.lineLength = 0;
		if (this.firstLine) {
			this.firstLine = false;
			text = text.startsWith("\uFEFF") ? text.substring(1) : text;
		}
		if (text.isEmpty()) {
			SseEvent event = pending();
			if (event != null) {
				events.add(event);
			}
		}
		else if (text.charAt(0) != ':') {
			int colon = text.indexOf(':');
			String value = (colon < 0) ? "" : text.substring(colon + 1);
			field((colon < 0) ? text : text.substring(0, colon), value.startsWith(" ") ? value.substring(1) : value);
		}
	}

	private void field(String name, String value) {
		switch (name) {
			case "data" -> {
				this.data.append(this.hasData ? "\n" : "").append(value);
				this.hasData = true;
				checkSize(this.data.length());
			}
			case "event" -> this.type = value;
			case "id" -> this.id = (value.indexOf('\0') < 0) ? value : this.id;
			case "retry" -> this.retry = value.matches("[0-9]{1,18}") ? Duration.ofMillis(Long.parseLong(value))
					: this.retry;
			case "error" -> {
				this.error = (this.error != null) ? this.error.append('\n').append(value) : new StringBuilder(value);
				checkSize(this.error.length());
			}
			default -> {
				// unknown fields are ignored
			}
		}
	}

	private @Nullable SseEvent pending() {
		boolean dispatch = this.hasData || this.error != null || "error".equals(this.type);
		SseEvent event = dispatch ? new SseEvent(this.type, this.data.toString(), this.id, this.retry,
				(this.error != null) ? this.error.toString() : null) : null;
		this.data.setLength(0);
		this.hasData = false;
		this.type = null;
		this.error = null;
		return event;
	}

	private void checkSize(int size) {
		if (size > this.maxEventSize) {
			throw new DataBufferLimitException(
					"server-sent event larger than the maximum of " + this.maxEventSize + " bytes");
		}
	}

}
