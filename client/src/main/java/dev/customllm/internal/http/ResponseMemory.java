package dev.customllm.internal.http;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import dev.customllm.LlmOperation;
import dev.customllm.LlmRequestException;

/**
 * The memory that the answers of one or more clients may hold at once while they are
 * read, so that many large answers arriving together fail fast instead of exhausting the
 * heap: each body reserves what it buffers as it grows (or, for a body parsed as it
 * arrives, what its {@link AnswerParser} holds), and gives it back once read. By default
 * all clients of a JVM share one budget of a quarter of the maximum heap. Thread-safe.
 *
 * @author Custom LLM team
 */
public final class ResponseMemory {

	private static final ResponseMemory SHARED = new ResponseMemory(Runtime.getRuntime().maxMemory() / 4);

	private final long limit;

	private final AtomicLong reserved = new AtomicLong();

	/**
	 * Create a budget of its own.
	 * @param limit the most bytes that answers may hold at once
	 */
	public ResponseMemory(long limit) {
		if (limit < 1024) {
			throw new IllegalArgumentException("maxBufferedResponseBytes must be at least 1KB, but was " + limit);
		}
		this.limit = limit;
	}

	/**
	 * Return the budget that all clients without one of their own share: a quarter of the
	 * maximum heap.
	 * @return the shared budget
	 */
	public static ResponseMemory shared() {
		return SHARED;
	}

	/**
	 * Return the most bytes that answers may hold at once.
	 * @return the limit
	 */
	public long limit() {
		return this.limit;
	}

	/**
	 * Return the bytes held right now.
	 * @return the reserved bytes
	 */
	public long reserved() {
		return this.reserved.get();
	}

	/**
	 * Reserve bytes for a body, or fail at once when the budget cannot hold them.
	 * @param bytes the bytes
	 * @throws BudgetExceededException if the budget is spent
	 */
	void reserve(long bytes) {
		long after = this.reserved.addAndGet(bytes);
		if (after > this.limit) {
			this.reserved.addAndGet(-bytes);
			throw new BudgetExceededException(bytes, this.limit);
		}
	}

	/**
	 * Reserve bytes for what a stream holds across its events (such as the arguments of
	 * tool calls), or fail at once with a client limit when the budget cannot hold them.
	 * @param bytes the bytes
	 * @param operation the operation, for the failure
	 * @throws LlmRequestException of kind {@code CLIENT_LIMIT} if the budget is spent
	 */
	public void reserve(long bytes, LlmOperation operation) {
		try {
			reserve(bytes);
		}
		catch (BudgetExceededException ex) {
			throw new LlmRequestException(operation, LlmRequestException.Kind.CLIENT_LIMIT,
					Objects.requireNonNull(ex.getMessage(), "a budget failure has a message"), null);
		}
	}

	/**
	 * Give back bytes reserved before.
	 * @param bytes the bytes
	 */
	public void release(long bytes) {
		this.reserved.addAndGet(-bytes);
	}

	/**
	 * The budget could not hold a body: the call fails fast rather than risk the heap.
	 */
	static final class BudgetExceededException extends RuntimeException {

		BudgetExceededException(long bytes, long limit) {
			super("answers being read already hold the memory budget of " + limit
					+ " bytes (max-buffered-response-bytes); " + bytes + " more were refused");
		}

	}

}
