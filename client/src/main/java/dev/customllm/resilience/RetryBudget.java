package dev.customllm.resilience;

import java.util.concurrent.atomic.AtomicInteger;

import dev.customllm.LlmRequestException;

/**
 * A token bucket that stops retries from multiplying the load on a service that keeps
 * failing, in the spirit of the AWS SDKs' standard retry mode: each retry spends tokens
 * (more after a timeout), each successful call returns one. When the bucket is empty,
 * failures reach the caller at once, until successes refill it. Thread-safe.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class RetryBudget {

	private final int capacity;

	private final int retryCost;

	private final int timeoutCost;

	private final AtomicInteger tokens;

	/**
	 * Create a budget.
	 * @param capacity tokens in a full bucket; 0 disables the budget
	 * @param retryCost tokens a retry spends
	 * @param timeoutCost tokens a retry after a timeout spends
	 */
	public RetryBudget(int capacity, int retryCost, int timeoutCost) {
		if (capacity < 0 || retryCost < 1 || timeoutCost < 1) {
			throw new IllegalArgumentException("retry budget needs capacity >= 0 and costs >= 1, but was capacity "
					+ capacity + ", retry cost " + retryCost + ", timeout cost " + timeoutCost);
		}
		this.capacity = capacity;
		this.retryCost = retryCost;
		this.timeoutCost = timeoutCost;
		this.tokens = new AtomicInteger(capacity);
	}

	/**
	 * Create the default budget: 500 tokens, 5 per retry, 10 per retry after a timeout.
	 * @return the budget
	 */
	public static RetryBudget standard() {
		return new RetryBudget(500, 5, 10);
	}

	/**
	 * Take the tokens for retrying after the given failure.
	 * @param failure the failure to retry
	 * @return whether the budget allows the retry
	 */
	public boolean tryAcquire(Throwable failure) {
		if (this.capacity == 0) {
			return true;
		}
		int cost = isTimeout(failure) ? this.timeoutCost : this.retryCost;
		int current;
		do {
			current = this.tokens.get();
			if (current < cost) {
				return false;
			}
		}
		while (!this.tokens.compareAndSet(current, current - cost));
		return true;
	}

	/**
	 * Return a token after a successful call.
	 */
	public void onSuccess() {
		if (this.capacity > 0 && this.tokens.get() < this.capacity) {
			this.tokens.getAndUpdate((current) -> Math.min(this.capacity, current + 1));
		}
	}

	/**
	 * Return the tokens left.
	 * @return the tokens
	 */
	public int available() {
		return this.tokens.get();
	}

	private static boolean isTimeout(Throwable failure) {
		return failure instanceof LlmRequestException request
				&& (request.kind() == LlmRequestException.Kind.RESPONSE_TIMEOUT
						|| request.kind() == LlmRequestException.Kind.CONNECT_TIMEOUT);
	}

}
