package dev.customllm.resilience;

import java.time.Instant;

/**
 * Where the rate limits of a client are kept at the moment: in their shared store or,
 * while the store cannot be reached, per instance or not at all.
 *
 * @param state the state of the limits
 * @param since when that state began
 * @param store the store, as its address and keys (never its credentials)
 * @author Custom LLM team
 * @see dev.customllm.CustomLlmClient#rateLimitStoreStatus()
 * @since 0.1.0
 */
public record RateLimitStoreStatus(State state, Instant since, String store) {

	/**
	 * The state of a client's rate limits.
	 */
	public enum State {

		/**
		 * The store answers: every instance with the same keys shares the limits.
		 */
		SHARED,

		/**
		 * The store cannot be reached: each instance keeps its own limits
		 * ({@link StoreFailureAction#LOCAL}).
		 */
		LOCAL_FALLBACK,

		/**
		 * The store cannot be reached: calls are refused
		 * ({@link StoreFailureAction#REJECT}).
		 */
		REJECTING

	}

}
