package dev.customllm.internal.resilience;

import dev.customllm.resilience.RateLimitStore;
import dev.customllm.resilience.RateLimitStoreStatus;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.LlmOperation;

/**
 * Everything that protects the service and the caller around one call: client-side limits
 * on each attempt and on the tokens of each call, retries between attempts, and the
 * deadline of the whole call. One instance per client; thread-safe.
 *
 * @author Custom LLM team
 */
public final class Resilience implements AutoCloseable {

	private final LlmRetry retry;

	private final ClientLimits limits;

	private final CallDeadline deadline;

	/**
	 * Create a new instance whose rate limits are kept inside this instance.
	 * @param settings the retry, budget, limit and deadline settings
	 * @param listener receives retries and limit waits, for metrics
	 */
	public Resilience(ResilienceSettings settings, ResilienceListener listener) {
		this(settings, listener, null);
	}

	/**
	 * Create a new instance.
	 * @param settings the retry, budget, limit and deadline settings
	 * @param listener receives retries and limit waits, for metrics
	 * @param store where the rate limits are shared with other instances, or {@code null}
	 * to keep them inside this instance
	 */
	public Resilience(ResilienceSettings settings, ResilienceListener listener, @Nullable RateLimitStore store) {
		this.retry = new LlmRetry(settings.retry(), settings.budget(), listener);
		this.limits = new ClientLimits(settings.limits(), store, listener);
		this.deadline = new CallDeadline(settings.callTimeout());
	}

	/**
	 * Protect a unary call: limits on each attempt, retries, and the whole-call deadline.
	 * @param <T> the answer type
	 * @param operation the operation
	 * @param attempt one HTTP attempt, subscribed again for each retry
	 * @return the protected call
	 */
	public <T> Mono<T> call(LlmOperation operation, Mono<T> attempt) {
		return call(operation, null, attempt);
	}

	/**
	 * Protect a unary call: its tokens, limits on each attempt, retries, and the
	 * whole-call deadline.
	 * @param <T> the answer type
	 * @param operation the operation
	 * @param body the JSON body of the request, from which its tokens are estimated
	 * @param attempt one HTTP attempt, subscribed again for each retry
	 * @return the protected call
	 */
	public <T> Mono<T> call(LlmOperation operation, byte @Nullable [] body, Mono<T> attempt) {
		return this.deadline.apply(
				this.limits.call(operation, body, this.retry.apply(operation, this.limits.attempt(operation, attempt))),
				operation);
	}

	/**
	 * Bound a call that is neither limited nor retried (a {@code GET} such as the model
	 * list of a health probe) by the whole-call deadline, so that it too ends in time.
	 * @param <T> the answer type
	 * @param operation the operation
	 * @param call the call
	 * @return the call, failing with a deadline error when it takes too long
	 */
	public <T> Mono<T> deadline(LlmOperation operation, Mono<T> call) {
		return this.deadline.apply(call, operation);
	}

	/**
	 * Protect the opening of a stream: limits and retries, without a whole-call deadline,
	 * so that a long healthy stream is never cut.
	 * @param <T> the type of the opened stream
	 * @param operation the operation
	 * @param open one attempt to open the stream, subscribed again for each retry
	 * @return the protected opening
	 */
	public <T> Mono<Flux<T>> open(LlmOperation operation, Mono<Flux<T>> open) {
		return open(operation, null, open);
	}

	/**
	 * Protect the opening of a stream: its tokens, limits and retries, without a
	 * whole-call deadline, so that a long healthy stream is never cut.
	 * @param <T> the type of the opened stream
	 * @param operation the operation
	 * @param body the JSON body of the request, from which its tokens are estimated
	 * @param open one attempt to open the stream, subscribed again for each retry
	 * @return the protected opening
	 */
	public <T> Mono<Flux<T>> open(LlmOperation operation, byte @Nullable [] body, Mono<Flux<T>> open) {
		return this.limits.open(operation, body,
				this.retry.apply(operation, this.limits.streamAttempt(operation, open)));
	}

	/**
	 * Return where the rate limits are kept at the moment, when they have a shared store.
	 * @return the status of the store, or empty when the limits are kept per instance
	 */
	public Optional<RateLimitStoreStatus> storeStatus() {
		return this.limits.storeStatus();
	}

	/**
	 * Stop the background work of the limits: the probes of a store that is down.
	 */
	@Override
	public void close() {
		this.limits.close();
	}

}
