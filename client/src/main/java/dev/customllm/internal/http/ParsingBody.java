package dev.customllm.internal.http;

import java.nio.ByteBuffer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;

import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;

import org.springframework.core.io.buffer.DataBufferLimitException;

/**
 * One 2xx body handed to an {@link AnswerParser} buffer by buffer as it arrives, never
 * joined: counts its bytes against the maximum response size, reserves from the memory
 * budget what the parser holds, and tells an answer from an error object that some
 * gateways send with a 2xx status ({@code {"error": ...}}, see
 * {@link ErrorResponses#isErrorObject}) by its first bytes. Only such an error body, or
 * the few first bytes while they do not tell yet, is collected whole. One instance per
 * answer, filled by one subscriber; {@link #release()} may come from another thread (a
 * cancel) while a buffer is read, so that reading, finishing and releasing exclude each
 * other, and nothing is read once released: the parser's resources and the budget are
 * never handed back while still in use, nor reserved again after.
 *
 * @param <T> the answer type
 * @author Custom LLM team
 */
final class ParsingBody<T> {

	private static final byte[] ERROR_MEMBER = { '"', 'e', 'r', 'r', 'o', 'r', '"' };

	/** The first bytes are an answer's: every byte goes to the parser. */
	private static final int ANSWER = -1;

	/** Nothing but whitespace yet. */
	private static final int START = 0;

	/**
	 * After the opening brace; then 2 + the number of characters of {@code "error"}
	 * matched.
	 */
	private static final int OBJECT = 1;

	/** The body is an error object: it is collected for {@link ErrorResponses}. */
	private static final int ERROR = OBJECT + 1 + ERROR_MEMBER.length;

	private final LlmOperation operation;

	private final AnswerParser<T> parser;

	private final ErrorResponses errorResponses;

	private final int maxSize;

	private final ResponseMemory memory;

	private long reserved;

	private int size;

	private int state = START;

	private @Nullable BodyBuffer held;

	private boolean released;

	/**
	 * Create the body of one answer.
	 * @param operation the operation, for errors
	 * @param parser reads the answer
	 * @param errorResponses reads an error object
	 * @param maxSize the most bytes accepted
	 * @param expectedSize the announced {@code Content-Length}, or a negative number
	 * @param memory the budget that what the parser holds is reserved from
	 * @throws DataBufferLimitException if the announced size is larger than the maximum
	 */
	ParsingBody(LlmOperation operation, AnswerParser<T> parser, ErrorResponses errorResponses, int maxSize,
			long expectedSize, ResponseMemory memory) {
		this.operation = operation;
		this.parser = parser;
		this.errorResponses = errorResponses;
		this.maxSize = maxSize;
		this.memory = memory;
		if (expectedSize > maxSize) {
			throw tooLarge();
		}
	}

	/**
	 * Read the next network buffer, leaving the buffer itself untouched.
	 * @param buffer the buffer, released by its owner
	 * @throws DataBufferLimitException if the body grows past the maximum size
	 */
	synchronized void feed(ByteBuf buffer) {
		if (this.released) {
			return;
		}
		int length = buffer.readableBytes();
		if (length > this.maxSize - this.size) {
			throw tooLarge();
		}
		this.size += length;
		if (this.state != ANSWER) {
			sniff(buffer);
			if (this.state != ANSWER) {
				hold(buffer);
				return;
			}
			BodyBuffer before = this.held;
			if (before != null) {
				this.held = null;
				try {
					parse(Unpooled.wrappedBuffer(before.array(), 0, before.size()));
				}
				finally {
					before.release();
				}
			}
		}
		parse(buffer);
	}

	private void sniff(ByteBuf buffer) {
		int end = buffer.writerIndex();
		for (int i = buffer.readerIndex(); i < end && this.state != ANSWER && this.state != ERROR; i++) {
			byte b = buffer.getByte(i);
			if (this.state == START || this.state == OBJECT) {
				if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
					continue;
				}
				if (this.state == START) {
					this.state = (b == '{') ? OBJECT : ANSWER;
				}
				else {
					this.state = match(OBJECT + 1, b);
				}
			}
			else {
				this.state = match(this.state, b);
			}
		}
	}

	/**
	 * Return the state after a byte of the first member's name, from the state before it.
	 */
	private static int match(int state, byte b) {
		int matched = state - OBJECT - 1;
		return (b == ERROR_MEMBER[matched]) ? state + 1 : ANSWER;
	}

	private void hold(ByteBuf buffer) {
		if (this.held == null) {
			this.held = new BodyBuffer(this.maxSize, -1, this.memory);
		}
		this.held.append(buffer);
	}

	private void parse(ByteBuf buffer) {
		try {
			if (buffer.nioBufferCount() == 1) {
				this.parser.feed(buffer.internalNioBuffer(buffer.readerIndex(), buffer.readableBytes()));
			}
			else {
				for (ByteBuffer bytes : buffer.nioBuffers()) {
					this.parser.feed(bytes);
				}
			}
		}
		catch (VirtualMachineError | LinkageError error) {
			throw new FatalReadException(error);
		}
		reserve();
	}

	private void reserve() {
		long held = this.parser.heldBytes();
		if (held > this.reserved) {
			this.memory.reserve(held - this.reserved);
			this.reserved = held;
		}
	}

	/**
	 * Finish the body and return its answer.
	 * @return the answer
	 * @throws LlmResponseException if the body is empty or JSON {@code null}
	 * @throws dev.customllm.LlmApiException if it is an error object
	 */
	synchronized T finish() {
		if (this.size == 0) {
			throw new LlmResponseException(this.operation, "empty body");
		}
		BodyBuffer before = this.held;
		if (this.state == ERROR && before != null) {
			// some gateways answer 200 with {"error": {...}}: an error, not an answer
			// without its data
			throw this.errorResponses.inSuccessfulAnswer(this.operation, 200, before.toByteArray());
		}
		if (before != null) {
			this.held = null;
			this.state = ANSWER;
			try {
				parse(Unpooled.wrappedBuffer(before.array(), 0, before.size()));
			}
			finally {
				before.release();
			}
		}
		T answer;
		try {
			answer = this.parser.finish();
		}
		catch (VirtualMachineError | LinkageError error) {
			throw new FatalReadException(error);
		}
		if (answer == null) {
			throw new LlmResponseException(this.operation, "body is JSON null");
		}
		if (answer instanceof AnswerOutcome outcome) {
			byte[] error = outcome.error();
			if (error != null) {
				throw this.errorResponses.inSuccessfulAnswer(this.operation, 200, error);
			}
		}
		return answer;
	}

	/**
	 * Release what the body holds: the parser's memory and any collected bytes; a buffer
	 * that arrives after is not read.
	 */
	synchronized void release() {
		if (this.released) {
			return;
		}
		this.released = true;
		this.memory.release(this.reserved);
		this.reserved = 0;
		BodyBuffer before = this.held;
		this.held = null;
		if (before != null) {
			before.release();
		}
		this.parser.close();
	}

	private DataBufferLimitException tooLarge() {
		return new DataBufferLimitException("Exceeded limit on max bytes to buffer : " + this.maxSize);
	}

}
