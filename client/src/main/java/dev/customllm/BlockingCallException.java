package dev.customllm;

import reactor.core.scheduler.Schedulers;

/**
 * A blocking call, such as {@code CompletionModel.complete(..)} or
 * {@code Agent.prompt(..)}, was made on a non-blocking thread: an event loop of Reactor
 * Netty or WebFlux, or a thread of Reactor's parallel scheduler. Blocking there would
 * stall every other request that thread serves, so the call fails at once, before
 * anything is sent, naming the asynchronous method to use instead.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public class BlockingCallException extends IllegalStateException {

	private final String asyncAlternative;

	/**
	 * Create a new instance for the current thread.
	 * @param blockingCall the blocking method that was called, such as
	 * {@code CompletionModel.complete(CompletionRequest)}
	 * @param asyncAlternative the method to use instead, such as
	 * {@code CompletionModel.completeAsync(CompletionRequest)}
	 */
	public BlockingCallException(String blockingCall, String asyncAlternative) {
		super(blockingCall + " blocks until the answer arrives, but was called on the non-blocking thread '"
				+ Thread.currentThread().getName() + "' (a Reactor Netty or WebFlux event loop, or Reactor's parallel"
				+ " scheduler), where it would stall every request that thread serves. Use " + asyncAlternative
				+ " and return or compose its Mono/Flux instead (or move the blocking call to"
				+ " Schedulers.boundedElastic()).");
		this.asyncAlternative = asyncAlternative;
	}

	/**
	 * Return the asynchronous method to use instead.
	 * @return the method, such as
	 * {@code CompletionModel.completeAsync(CompletionRequest)}
	 */
	public String asyncAlternative() {
		return this.asyncAlternative;
	}

	/**
	 * Fail when the current thread is a non-blocking one
	 * ({@link Schedulers#isInNonBlockingThread()}); do nothing on any other thread.
	 * @param blockingCall the blocking method about to block
	 * @param asyncAlternative the method to use instead
	 * @throws BlockingCallException if the current thread must not block
	 */
	public static void check(String blockingCall, String asyncAlternative) {
		if (Schedulers.isInNonBlockingThread()) {
			throw new BlockingCallException(blockingCall, asyncAlternative);
		}
	}

}
