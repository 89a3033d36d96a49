package dev.customllm.retry;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.customllm.LlmOperation;
import dev.customllm.LlmRequestException;
import dev.customllm.LlmRequestException.Kind;

/**
 * Everything that protects the service and the caller around one call: client-side limits
 * on each attempt, retries between attempts, and the deadline of the whole call. One
 * instance per client; thread-safe.
 *
 * @author Custom LLM team
 */
public final class Resilience {

	private final LlmRetry retry;

	private final RateLimitSettings limits;

	private final @Nullable ConcurrencyLimiter concurrency;

	private final @Nullable RequestRateLimiter rate;

	private final Duration callTimeout;

	private final ResilienceListener listener;

	/**
	 * Create a new instance.
	 * @param settings the retry, budget, limit and deadline settings
	 * @param listener receives retries and limit waits, for metrics
	 */
	public Resilience(ResilienceSettings settings, ResilienceListener listener) {
		this.retry = new LlmRetry(settings.retry(), settings.budget(), listener);
		this.limits = settings.limits();
		this.concurrency = (this.limits.maxConcurrentRequests() != null)
				? new ConcurrencyLimiter(this.limits.maxConcurrentRequests()) : null;
		this.rate = (this.limits.requestsPerSecond() != null) ? new RequestRateLimiter(this.limits.requestsPerSecond())
				: null;
		this.callTimeout = settings.callTimeout();
		this.listener = listener;
	}

	/**
	 * Protect a unary call: limits on each attempt, retries, and the whole-call deadline.
	 * @param <T> the answer type
	 * @param operation the operation
	 * @param attempt one HTTP attempt, subscribed again for each retry
	 * @return the protected call
	 */
	public <T> Mono<T> call(LlmOperation operation, Mono<T> attempt) {
		return this.retry.apply(operation, limited(operation, attempt))
			.timeout(this.callTimeout, Mono.error(() -> new LlmRequestException(operation, Kind.DEADLINE,
					"no answer within the call timeout of " + this.callTimeout.toMillis() + " ms, retries included",
					null)));
	}

	/**
	 * Protect the opening of a stream: limits and retries, without a whole-call deadline,
	 * so that a long healthy stream is never cut.
	 * @param <T> the type of the opened stream
	 * @param operation the operation
	 * @param open one attempt to open the stream, subscribed again for each retry
	 * @return the protected opening
	 */
	public <T> Mono<T> open(LlmOperation operation, Mono<T> open) {
		return this.retry.apply(operation, limited(operation, open));
	}

	private <T> Mono<T> limited(LlmOperation operation, Mono<T> attempt) {
		Mono<T> limited = attempt;
		if (this.concurrency != null) {
			limited = this.concurrency.limit(limited, this.limits.maxWait(),
					rejected(operation, "concurrency", "max-concurrent-requests " + this.limits.maxConcurrentRequests()),
					(wait) -> waited(operation, "concurrency", wait));
		}
		if (this.rate != null) {
			RequestRateLimiter rate = this.rate;
			Mono<T> next = limited;
			limited = Mono.defer(() -> {
				long start = System.nanoTime();
				return rate.acquire(this.limits.maxWait())
					.flatMap((granted) -> granted
							? next.doFirst(() -> waited(operation, "rate", Duration.ofNanos(System.nanoTime() - start)))
							: rejected(operation, "rate", "requests-per-second " + this.limits.requestsPerSecond()));
			});
		}
		return limited;
	}

	private void waited(LlmOperation operation, String limit, Duration wait) {
		if (wait.toMillis() >= 1) {
			this.listener.onLimitWait(operation, limit, wait);
		}
	}

	private <T> Mono<T> rejected(LlmOperation operation, String limit, String description) {
		return Mono.error(() -> {
			this.listener.onLimitRejected(operation, limit);
			return new LlmRequestException(operation, Kind.CLIENT_LIMIT, "client-side limit " + description
					+ " gave no permit within " + this.limits.maxWait().toMillis() + " ms", null);
		});
	}

}
