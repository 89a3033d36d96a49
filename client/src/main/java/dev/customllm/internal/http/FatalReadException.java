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

	/**
	 * Run one step of reading an answer, carrying a JVM error out as this exception.
	 * @param step the step
	 */
	static void guard(Runnable step) {
		try {
			step.run();
		}
		catch (VirtualMachineError | LinkageError error) {
			throw new FatalReadException(error);
		}
	}

	/**
	 * Return whether a throwable is a JVM error that Reactor would rethrow rather than
	 * deliver.
	 * @param failure the throwable
	 * @return whether it is fatal
	 */
	static boolean isFatal(Throwable failure) {
		return failure instanceof VirtualMachineError || failure instanceof LinkageError;
	}

}
