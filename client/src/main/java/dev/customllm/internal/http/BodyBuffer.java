package dev.customllm.internal.http;

import java.util.Arrays;

import io.netty.buffer.ByteBuf;

import org.springframework.core.io.buffer.DataBufferLimitException;

/**
 * Collects the bytes of one answer body as they arrive, up to a maximum size, so that the
 * body is copied once from the network buffers and parsed from the array. Not
 * thread-safe: one instance per answer, filled by one subscriber.
 *
 * @author Custom LLM team
 */
final class BodyBuffer {

	private final int maxSize;

	private final ResponseMemory memory;

	private byte[] bytes;

	private long reserved;

	private int size;

	/**
	 * Create a buffer for one body.
	 * @param maxSize the most bytes accepted
	 * @param expectedSize the announced {@code Content-Length}, or a negative number when
	 * unknown
	 * @param memory the budget the buffer reserves its bytes from, until
	 * {@link #release()}
	 */
	BodyBuffer(int maxSize, long expectedSize, ResponseMemory memory) {
		this.maxSize = maxSize;
		this.memory = memory;
		if (expectedSize > maxSize) {
			throw tooLarge();
		}
		this.bytes = allocate((expectedSize >= 0) ? (int) expectedSize : Math.min(maxSize, 1024));
	}

	/**
	 * Copy the readable bytes of a network buffer, leaving the buffer itself untouched.
	 * @param buffer the buffer, released by its owner
	 * @throws DataBufferLimitException if the body grows past the maximum size
	 */
	void append(ByteBuf buffer) {
		int length = buffer.readableBytes();
		if (length > this.maxSize - this.size) {
			throw tooLarge();
		}
		int needed = this.size + length;
		if (needed > this.bytes.length) {
			int grown = (int) Math.min(this.maxSize, Math.max(needed, 2L * this.bytes.length));
			byte[] larger = allocate(grown);
			this.memory.release(this.bytes.length);
			this.reserved -= this.bytes.length;
			System.arraycopy(this.bytes, 0, larger, 0, this.size);
			this.bytes = larger;
		}
		buffer.getBytes(buffer.readerIndex(), this.bytes, this.size, length);
		this.size = needed;
	}

	private byte[] allocate(int size) {
		this.memory.reserve(size);
		this.reserved += size;
		try {
			return new byte[size];
		}
		catch (OutOfMemoryError error) {
			throw new FatalReadException(error);
		}
	}

	/**
	 * Give the bytes this buffer holds back to the budget; the buffer is not used after.
	 */
	void release() {
		this.memory.release(this.reserved);
		this.reserved = 0;
	}

	/**
	 * Return the array that holds the body; only its first {@link #size()} bytes belong
	 * to it.
	 * @return the array
	 */
	byte[] array() {
		return this.bytes;
	}

	/**
	 * Return the number of bytes of the body.
	 * @return the size
	 */
	int size() {
		return this.size;
	}

	/**
	 * Return a copy of exactly the body's bytes.
	 * @return the bytes
	 */
	byte[] toByteArray() {
		return (this.size == this.bytes.length) ? this.bytes : Arrays.copyOf(this.bytes, this.size);
	}

	private DataBufferLimitException tooLarge() {
		return new DataBufferLimitException("Exceeded limit on max bytes to buffer : " + this.maxSize);
	}

}
