package dev.customllm.internal.resilience;

import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import dev.customllm.LlmOperation;
import dev.customllm.resilience.RateLimitStoreStatus.State;

/**
 * Receives what the resilience layer does, for metrics. Methods are called on I/O threads
 * and must return quickly.
 *
 * @author Custom LLM team
 */
public interface ResilienceListener {

	/**
	 * A listener that does nothing.
	 */
	ResilienceListener NONE = new ResilienceListener() {
	};

	/**
	 * A failed attempt will be retried.
	 * @param operation the operation
	 * @param reason why, such as {@code status_503}
	 * @param attempt the number of the attempt that failed
	 * @param wait the delay before the next attempt
	 */
	default void onRetry(LlmOperation operation, String reason, int attempt, Duration wait) {
	}

	/**
	 * A retryable failure was not retried because the retry budget is spent.
	 * @param operation the operation
	 */
	default void onRetryBudgetExhausted(LlmOperation operation) {
	}

	/**
	 * A call waited for a client-side limit.
	 * @param operation the operation
	 * @param limit which limit: {@code concurrency}, {@code rate} or {@code tokens}
	 * @param wait how long it waited
	 */
	default void onLimitWait(LlmOperation operation, String limit, Duration wait) {
	}

	/**
	 * A call was refused by a client-side limit.
	 * @param operation the operation
	 * @param limit which limit: {@code concurrency}, {@code rate} or {@code tokens}
	 * @param reason why: {@code budget} (no permit within the longest wait),
	 * {@code store_down} (the shared store is unreachable and the action is to reject) or
	 * {@code timeout} (the shared store answered too slowly for the longest wait)
	 */
	default void onLimitRejected(LlmOperation operation, String limit, String reason) {
	}

	/**
	 * A rate limit granted permits to a call.
	 * @param operation the operation
	 * @param limit which limit: {@code rate} or {@code tokens}
	 * @param store where the permits came from: {@code local}, or the kind of shared
	 * store such as {@code redis}
	 * @param permits how many: one request, or the estimated tokens of the call
	 */
	default void onLimitGranted(LlmOperation operation, String limit, String store, long permits) {
	}

	/**
	 * The shared store of a rate limit could not be reached; the call falls back to the
	 * local limit or is rejected.
	 * @param operation the operation
	 * @param limit which limit: {@code rate} or {@code tokens}
	 */
	default void onLimitStoreFailure(LlmOperation operation, String limit) {
	}

	/**
	 * The client has a shared store: its state can be read from now on.
	 * @param store the kind of store, such as {@code redis}
	 * @param state the state of the store at the moment
	 */
	default void onStoreState(String store, Supplier<State> state) {
	}

	/**
	 * A rate limit is configured: its rate can be read from now on.
	 * @param limit which limit: {@code rate} or {@code tokens}
	 * @param perSecond the permits it grants per second: requests, or tokens
	 */
	default void onLimitConfigured(String limit, double perSecond) {
	}

	/**
	 * The shared store of the rate limits went down (one call per outage).
	 * @param store the kind of store
	 */
	default void onStoreOutage(String store) {
	}

	/**
	 * The shared store answered a question (a heartbeat, one round trip).
	 * @param store the kind of store
	 * @param latency how long the answer took
	 */
	default void onStoreLatency(String store, Duration latency) {
	}

	/**
	 * A rate limit with a shared store has a queue of calls waiting for their turn to ask
	 * the store: its length can be read from now on.
	 * @param limit which limit: {@code rate} or {@code tokens}
	 * @param queued the calls waiting at the moment
	 */
	default void onLimitQueue(String limit, IntSupplier queued) {
	}

}
