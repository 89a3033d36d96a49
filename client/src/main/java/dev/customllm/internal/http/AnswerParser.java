package dev.customllm.internal.http;

import java.nio.ByteBuffer;

import org.jspecify.annotations.Nullable;

/**
 * Reads one 2xx answer body as its bytes arrive, so that no array ever holds the whole
 * body: the transport hands it each network buffer in turn, then asks for the answer at
 * the end of the body. Whatever a parser keeps besides its answer (its window, scratch
 * arrays) it tells through {@link #heldBytes()}, which the client's
 * {@link ResponseMemory} budget reserves. One instance per answer, fed by one subscriber;
 * a transport asks for a new one for each attempt and never calls two of its methods at
 * once.
 *
 * @param <T> the answer type
 * @author Custom LLM team
 */
public interface AnswerParser<T> {

	/**
	 * Read the next bytes of the body. The buffer is the transport's: a parser reads its
	 * remaining bytes before returning and keeps no reference to it.
	 * @param bytes the next bytes of the body
	 * @throws RuntimeException when the bytes cannot be part of an answer: a
	 * {@link tools.jackson.core.JacksonException} for malformed JSON, an
	 * {@link dev.customllm.LlmResponseException} for an unusable answer
	 */
	void feed(ByteBuffer bytes);

	/**
	 * Finish the body and return the answer.
	 * @return the answer, or {@code null} when the body is JSON {@code null}
	 * @throws RuntimeException as {@link #feed}, also for a truncated body
	 */
	@Nullable T finish();

	/**
	 * Return the memory that the parser holds right now besides the answer it builds.
	 * @return the held bytes
	 */
	long heldBytes();

	/**
	 * Release what the parser holds; called once the body is read, failed or cancelled,
	 * never while {@link #feed} or {@link #finish} runs, and neither is called after.
	 */
	void close();

}
