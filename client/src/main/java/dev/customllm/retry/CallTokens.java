package dev.customllm.retry;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongConsumer;

import org.jspecify.annotations.Nullable;

/**
 * The tokens one call used, as the service reported them. Whoever reads the answer (the
 * observation of the call) puts an instance in the Reactor context under
 * {@link #CONTEXT_KEY} and {@linkplain #end ends} it once; the token limit settles its
 * reservation against it. Thread-safe.
 *
 * @author Custom LLM team
 */
public final class CallTokens {

	/**
	 * Key of the instance in the Reactor context.
	 */
	public static final String CONTEXT_KEY = CallTokens.class.getName();

	private final Queue<Settlement> waiting = new ConcurrentLinkedQueue<>();

	/**
	 * End the call with the usage the service reported. The first reservation waiting
	 * for it is settled against it; any other keeps its estimate.
	 * @param inputTokens tokens in the input, if reported
	 * @param outputTokens tokens in the output, if reported
	 */
	public void end(@Nullable Integer inputTokens, @Nullable Integer outputTokens) {
		Settlement first = this.waiting.poll();
		if (first != null && (inputTokens != null || outputTokens != null)) {
			first.settle(orZero(inputTokens) + orZero(outputTokens));
		}
		this.waiting.clear();
	}

	void await(Settlement settlement) {
		this.waiting.add(settlement);
	}

	private static long orZero(@Nullable Integer tokens) {
		return (tokens != null) ? tokens : 0;
	}

	/**
	 * Settles one reservation against the tokens actually used.
	 */
	@FunctionalInterface
	interface Settlement extends LongConsumer {

		default void settle(long used) {
			accept(used);
		}

	}

}
