package dev.customllm.internal.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ByteProcessor;
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
 * Holds at most one event at a time, so memory does not grow with the stream; what it
 * holds past its first small buffers is reserved from the memory budget before it is
 * allocated (a refusal is a {@link ResponseMemory.BudgetExceededException}) and given
 * back once an event is handed on or by {@link #release()}. Not thread-safe: one instance
 * per stream, fed in order ({@link #release()} excepted).
 *
 * @author Custom LLM team
 */
final class SseDecoder {

	private static final byte CR = '\r';

	private static final byte LF = '\n';

	private static final byte[] LF_BYTES = { LF };

	private static final byte[] BYTE_ORDER_MARK = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private static final byte[] DATA = ascii("data");

	private static final byte[] EVENT = ascii("event");

	private static final byte[] ID = ascii("id");

	private static final byte[] RETRY = ascii("retry");

	private static final byte[] ERROR = ascii("error");

	private static final int INITIAL = 256;

	/**
	 * Buffers larger than this go back to their first size once their event is handed on.
	 */
	private static final int KEPT = 64 * 1024;

	private final int maxEventSize;

	private final ResponseMemory memory;

	private long reserved;

	private boolean released;

	private byte[] line = new byte[INITIAL];

	private @Nullable Listener listener;

	private int lineLength;

	private boolean afterCr;

	private boolean firstLine = true;

	private byte[] data = new byte[INITIAL];

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
		this(maxEventSize, new ResponseMemory(Long.MAX_VALUE));
	}

	/**
	 * Create a decoder whose buffers are reserved from a memory budget.
	 * @param maxEventSize the largest event accepted, in bytes; a bigger one fails with a
	 * {@link DataBufferLimitException} instead of filling the memory
	 * @param memory the budget that buffers past the first small ones are reserved from
	 */
	SseDecoder(int maxEventSize, ResponseMemory memory) {
		this.maxEventSize = maxEventSize;
		this.memory = memory;
	}

	/**
	 * Give back to the budget what the buffers hold; the decoder holds nothing more
	 * after. May be called from another thread than the one decoding (a cancel).
	 */
	synchronized void release() {
		this.released = true;
		this.memory.release(this.reserved);
		this.reserved = 0;
	}

	/**
	 * Return an array larger than the one given, its used bytes copied, the difference
	 * reserved from the budget before it is allocated.
	 */
	private synchronized byte[] grow(byte[] array, int used, int size) {
		if (this.released) {
			throw new IllegalStateException("stream decoder already released");
		}
		long more = (long) size - array.length;
		this.memory.reserve(more);
		this.reserved += more;
		byte[] larger = new byte[size];
		System.arraycopy(array, 0, larger, 0, used);
		return larger;
	}

	/**
	 * Give a large buffer back once its event is handed on.
	 */
	private synchronized byte[] shrink(byte[] array) {
		if (array.length <= KEPT) {
			return array;
		}
		long less = array.length - INITIAL;
		if (!this.released) {
			this.memory.release(less);
			this.reserved -= less;
		}
		return new byte[INITIAL];
	}

	/**
	 * Decode the next piece of the stream.
	 * @param bytes the piece
	 * @return the events completed by this piece, possibly none
	 * @throws DataBufferLimitException if an event is larger than the maximum
	 */
	public List<SseEvent> decode(byte[] bytes) {
		return decode(Unpooled.wrappedBuffer(bytes));
	}

	/**
	 * Decode the next piece of the stream, read from a network buffer without changing
	 * it.
	 * @param buffer the piece, still owned by the caller
	 * @return the events completed by this piece, possibly none
	 * @throws DataBufferLimitException if an event is larger than the maximum
	 */
	public List<SseEvent> decode(ByteBuf buffer) {
		List<SseEvent> events = new ArrayList<>(2);
		decode(buffer, (type, data, length, error) -> events
			.add(new SseEvent(type, Arrays.copyOf(data, length), this.id, this.retry, error)));
		return events;
	}

	/**
	 * Decode the next piece of the stream, read from a network buffer without changing
	 * it, and hand each event it completes to a listener without copying its data.
	 * @param buffer the piece, still owned by the caller
	 * @param listener called with each completed event, in order
	 * @throws DataBufferLimitException if an event is larger than the maximum
	 */
	public void decode(ByteBuf buffer, Listener listener) {
		this.listener = listener;
		try {
			int index = buffer.readerIndex();
			int end = buffer.writerIndex();
			while (index < end) {
				if (this.afterCr) {
					this.afterCr = false;
					if (buffer.getByte(index) == LF) {
						index++;
						continue;
					}
				}
				int lineEnd = buffer.forEachByte(index, end - index, ByteProcessor.FIND_CRLF);
				if (lineEnd < 0) {
					appendLine(buffer, index, end - index);
					return;
				}
				appendLine(buffer, index, lineEnd - index);
				this.afterCr = buffer.getByte(lineEnd) == CR;
				endLine();
				index = lineEnd + 1;
			}
		}
		finally {
			this.listener = null;
		}
	}

	/**
	 * End the stream. An event without its closing blank line is dropped, as the event
	 * stream rules require, unless it is {@code data: [DONE]} or an error, which servers
	 * commonly send without one.
	 * @return the last event, if the stream ended with one of those
	 */
	public @Nullable SseEvent finish() {
		SseEvent[] last = new SseEvent[1];
		finish((type, data, length,
				error) -> last[0] = new SseEvent(type, Arrays.copyOf(data, length), this.id, this.retry, error));
		return last[0];
	}

	/**
	 * End the stream, as {@link #finish()} does, handing the last event, if any, to a
	 * listener without copying its data.
	 * @param listener called with the last event, if the stream ended with one that
	 * counts
	 */
	public void finish(Listener listener) {
		if (this.lineLength > 0) {
			this.listener = null;
			endLine();
		}
		boolean counts = isDispatched()
				&& (this.error != null || "error".equals(this.type) || SseEvent.isDone(this.data, this.dataLength));
		this.listener = counts ? listener : null;
		try {
			dispatch();
		}
		finally {
			this.listener = null;
		}
	}

	private void appendLine(ByteBuf buffer, int index, int length) {
		int size = this.lineLength + length;
		if (size > this.line.length) {
			// a line may hold one byte more than an event, as its field name comes with
			// it
			checkSize(size - 1);
			this.line = grow(this.line, this.lineLength,
					Math.min(Math.max(this.line.length * 2, size), this.maxEventSize + 1));
		}
		buffer.getBytes(index, this.line, this.lineLength, length);
		this.lineLength = size;
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
			dispatch();
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
			if (!this.hasData && valueEnd - valueStart > KEPT) {
				// a large first data line becomes the event's data in place, not copied
				checkSize(valueEnd - valueStart);
				System.arraycopy(this.line, valueStart, this.line, 0, valueEnd - valueStart);
				byte[] empty = this.data;
				this.data = this.line;
				this.line = empty;
				this.dataLength = valueEnd - valueStart;
				this.hasData = true;
				return;
			}
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
			this.data = grow(this.data, this.dataLength,
					(int) Math.min(Math.max(this.dataLength + length, this.data.length * 2L), this.maxEventSize));
		}
		System.arraycopy(bytes, offset, this.data, this.dataLength, length);
		this.dataLength += length;
	}

	private boolean isDispatched() {
		return this.hasData || this.error != null || "error".equals(this.type);
	}

	/**
	 * Hand the pending event, if there is one, to the listener, then start the next one.
	 */
	private void dispatch() {
		boolean dispatched = isDispatched();
		String type = this.type;
		String error = (this.error != null) ? this.error.toString() : null;
		int length = this.dataLength;
		this.dataLength = 0;
		this.hasData = false;
		this.type = null;
		this.error = null;
		if (dispatched && this.listener != null) {
			this.listener.event(type, this.data, length, error);
		}
		if (this.data.length > KEPT || this.line.length > KEPT) {
			this.data = shrink(this.data);
			this.line = shrink(this.line);
		}
	}

	/**
	 * Receives the events of a stream as they are completed.
	 */
	@FunctionalInterface
	interface Listener {

		/**
		 * Take an event. Its data is valid during this call only: the decoder reuses the
		 * array for the next event.
		 * @param type value of the {@code event:} field, or {@code null} for the default
		 * type ({@code message})
		 * @param data holds the values of the event's {@code data:} lines, joined by
		 * {@code \n}, as UTF-8, from index 0; not to be changed or kept
		 * @param length how many bytes of {@code data} are the event's
		 * @param error value of an {@code error:} field, if any
		 */
		void event(@Nullable String type, byte[] data, int length, @Nullable String error);

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
