package dev.customllm.resilience;

/**
 * What the limits of a client do while their shared store cannot be reached.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public enum StoreFailureAction {

	/**
	 * Fall back to limits kept inside this instance, until the store answers again.
	 */
	LOCAL,

	/**
	 * Refuse calls with an {@link dev.customllm.LlmRequestException} until the store
	 * answers again.
	 */
	REJECT

}
