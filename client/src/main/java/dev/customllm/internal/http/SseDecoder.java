package dev.customllm.internal.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.buffer.DataBufferLimitException;

/**
 * Decodes a {@code text/event-stream} body, fed in pieces as they arrive, into
 * {@link SseEvent events}, following the WHATWG event stream rules. Lines end with
 * {@code \r\n}, {@code \n} or {@code \r}; a blank line dispatches the event; lines
 * starting with {@code :} are comments (keep-alives); {@code data:} lines accumulate.
 * Pieces may split the stream anywhere, even inside a line ending or a multi-byte UTF-8
 * character: bytes are buffered per line, and data stays in UTF-8 bytes.
 * <p>
 * Holds at most one event at a time, so memory does not grow with the stream. Not
 * thread-safe: one instance per stream, fed in order.
 *
 * @author Custom LLM team
 */
public final class SseDecoder {

	private static final byte CR = '\r';

	private static final byte LF = '\n';

	private static final byte[] LF_BYTES = { LF };

	private static final byte[] BYTE_ORDER_MARK = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private static final byte[] DATA = ascii("data");

	private static final byte[] EVENT = ascii("event");

	private static final byte[] ID = ascii("id");

	private static final byte[] RETRY = ascii("retry");

	private static final byte[] ERROR = ascii("error");

	private final int maxEventSize;

	private byte[] line = new byte[256];

	private byte[] scratch = new byte[1024];

	private @Nullable List<SseEvent> events;

	private int lineLength;

	private boolean afterCr;

	private boolean firstLine = true;

	private byte[] data = new byte[256];

	private int dataLength;

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
		return decode(bytes, bytes.length);
	}

	/**
	 * Decode the next piece of the stream, read from a network buffer without changing it.
	 * @param buffer the piece, still owned by the caller
	 * @return the events completed by this piece, possibly none
	 * @throws DataBufferLimitException if an event is larger than the maximum
	 */
	public List<SseEvent> decode(ByteBuf buffer) {
		int length = buffer.readableBytes();
		if (this.scratch.length < length) {
			this.scratch = new byte[Math.max(length, this.scratch.length * 2)];
		}
		buffer.getBytes(buffer.readerIndex(), this.scratch, 0, length);
		return decode(this.scratch, length);
	}

	private List<SseEvent> decode(byte[] bytes, int length) {
		this.events = null;
		for (int i = 0; i < length; i++) {
			byte b = bytes[i];
			if (b == LF && this.afterCr) {
				this.afterCr = false;
				continue;
			}
			this.afterCr = (b == CR);
			if (b == CR || b == LF) {
				endLine();
			}
			else {
				append(b);
			}
		}
		List<SseEvent> decoded = this.events;
		this.events = null;
		return (decoded != null) ? decoded : List.of();
	}

	/**
	 * End the stream. An event without its closing blank line is dropped, as the event
	 * stream rules require, unless it is {@code data: [DONE]} or an error, which servers
	 * commonly send without one.
	 * @return the last event, if the stream ended with one of those
	 */
	public @Nullable SseEvent finish() {
		if (this.lineLength > 0) {
			endLine();
		}
		this.events = null;
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

	private void endLine() {
		int length = this.lineLength;
		this.lineLength = 0;
		int start = 0;
		if (this.firstLine) {
			this.firstLine = false;
			start = startsWithByteOrderMark(length) ? BYTE_ORDER_MARK.length : 0;
		}
		if (start == length) {
			SseEvent event = pending();
			if (event != null) {
				if (this.events == null) {
					this.events = new ArrayList<>(2);
				}
				this.events.add(event);
			}
		}
		else if (this.line[start] != ':') {
			int colon = indexOf(':', start, length);
			int nameEnd = (colon < 0) ? length : colon;
			int valueStart = (colon < 0) ? length : colon + 1;
			if (valueStart < length && this.line[valueStart] == ' ') {
				valueStart++;
			}
			field(start, nameEnd, valueStart, length);
		}
	}

	private void field(int nameStart, int nameEnd, int valueStart, int valueEnd) {
		if (is(DATA, nameStart, nameEnd)) {
			if (this.hasData) {
				appendData(LF_BYTES, 0, 1);
			}
			appendData(this.line, valueStart, valueEnd - valueStart);
			this.hasData = true;
		}
		else if (is(EVENT, nameStart, nameEnd)) {
			this.type = text(valueStart, valueEnd);
		}
		else if (is(ID, nameStart, nameEnd)) {
			String value = text(valueStart, valueEnd);
			this.id = (value.indexOf('\0') < 0) ? value : this.id;
		}
		else if (is(RETRY, nameStart, nameEnd)) {
			String value = text(valueStart, valueEnd);
			this.retry = value.matches("[0-9]{1,18}") ? Duration.ofMillis(Long.parseLong(value)) : this.retry;
		}
		else if (is(ERROR, nameStart, nameEnd)) {
			String value = text(valueStart, valueEnd);
			this.error = (this.error != null) ? this.error.append('\n').append(value) : new StringBuilder(value);
			checkSize(this.error.length());
		}
		// unknown fields are ignored
	}

	private boolean is(byte[] name, int start, int end) {
		return Arrays.equals(this.line, start, end, name, 0, name.length);
	}

	private String text(int start, int end) {
		return new String(this.line, start, end - start, StandardCharsets.UTF_8);
	}

	private int indexOf(char c, int from, int to) {
		for (int i = from; i < to; i++) {
			if (this.line[i] == c) {
				return i;
			}
		}
		return -1;
	}

	private boolean startsWithByteOrderMark(int length) {
		return length >= BYTE_ORDER_MARK.length
				&& Arrays.equals(this.line, 0, BYTE_ORDER_MARK.length, BYTE_ORDER_MARK, 0, BYTE_ORDER_MARK.length);
	}

	private void appendData(byte[] bytes, int offset, int length) {
		checkSize(this.dataLength + length);
		if (this.dataLength + length > this.data.length) {
			this.data = Arrays.copyOf(this.data, Math.max(this.dataLength + length, this.data.length * 2));
		}
		System.arraycopy(bytes, offset, this.data, this.dataLength, length);
		this.dataLength += length;
	}

	private @Nullable SseEvent pending() {
		boolean dispatch = this.hasData || this.error != null || "error".equals(this.type);
		SseEvent event = dispatch ? new SseEvent(this.type, Arrays.copyOf(this.data, this.dataLength), this.id,
				this.retry, (this.error != null) ? this.error.toString() : null) : null;
		this.dataLength = 0;
		this.hasData = false;
		this.type = null;
		this.error = null;
		return event;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private void checkSize(int size) {
		if (size > this.maxEventSize) {
			throw new DataBufferLimitException(
					"server-sent event larger than the maximum of " + this.maxEventSize + " bytes");
		}
	}

}
