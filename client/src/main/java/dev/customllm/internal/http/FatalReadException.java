package dev.customllm.internal.http;

/**
 * Carries a JVM error (an {@link OutOfMemoryError}, a {@link StackOverflowError}, a
 * {@link LinkageError}) that reading an answer raised, so that Reactor delivers it to the
 * caller as a failure instead of rethrowing it on an I/O thread, where the caller would
 * wait forever. {@link RequestFailures} maps it to an
 * {@link dev.customllm.LlmResponseException}; the connection is closed, never returned to
 * the pool.
 *
 * @author Custom LLM team
 */
final class FatalReadException extends RuntimeException {

	FatalReadException(Throwable error) {
		super("reading the answer failed with " + error.getClass().getName(), error);
	}

}
