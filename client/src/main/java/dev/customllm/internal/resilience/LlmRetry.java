package dev.customllm.internal.resilience;

import dev.customllm.resilience.RetryBudget;
import dev.customllm.resilience.RetrySettings;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import reactor.util.retry.Retry.RetrySignal;

import dev.customllm.LlmApiException;
import dev.customllm.LlmException;
import dev.customllm.LlmOperation;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Retries failed attempts inside the Reactor pipeline, so that blocking, asynchronous and
 * streaming calls share one mechanism. What is retried, how often and the exponential
 * back-off come from a Spring Framework {@link RetryPolicy}; on top of it the service's
 * {@code Retry-After} wins over the back-off, a demand longer than the allowed maximum
 * fails at once, and the {@link RetryBudget} caps retries across calls.
 *
 * @author Custom LLM team
 */
final class LlmRetry {

	private static final Log logger = LogFactory.getLog(LlmRetry.class);

	private final RetrySettings settings;

	private final RetryPolicy policy;

	private final RetryBudget budget;

	private final ResilienceListener listener;

	/**
	 * Create a new instance.
	 * @param settings when and how long to wait
	 * @param budget the client's retry budget
	 * @param listener receives retries, for metrics
	 */
	public LlmRetry(RetrySettings settings, RetryBudget budget, ResilienceListener listener) {
		this.settings = settings;
		this.budget = budget;
		this.listener = listener;
		this.policy = RetryPolicy.builder()
			.maxRetries(settings.maxRetries())
			.delay(settings.delay())
			.multiplier(settings.multiplier())
			.maxDelay(settings.maxDelay())
			.predicate((failure) -> RetryClassifier.retryReason(failure) != null)
			.build();
	}

	/**
	 * Apply retries to a call. Each subscription to {@code attempt} is one HTTP attempt.
	 * @param <T> the answer type
	 * @param operation the operation, for logs and errors
	 * @param attempt the attempt, subscribed again for each retry
	 * @return the call with retries; on failure, the error of the last attempt with the
	 * number of attempts recorded
	 */
	public <T> Mono<T> apply(LlmOperation operation, Mono<T> attempt) {
		if (this.settings.maxRetries() == 0) {
			return attempt;
		}
		return Mono.defer(() -> {
			Attempts attempts = new Attempts(operation, this.policy.getBackOff().start());
			return attempt.retryWhen(Retry.from((signals) -> signals.concatMap(attempts::next)))
				.doOnSuccess((answer) -> this.budget.onSuccess())
				.onErrorMap(LlmException.class, (failure) -> failure.withAttempts(attempts.count));
		});
	}

	/**
	 * The attempts of one call.
	 */
	private final class Attempts {

		private final LlmOperation operation;

		private final BackOffExecution backOff;

		private int count = 1;

		Attempts(LlmOperation operation, BackOffExecution backOff) {
			this.operation = operation;
			this.backOff = backOff;
		}

		Mono<RetrySignal> next(RetrySignal signal) {
			Throwable failure = signal.failure();
			String reason = RetryClassifier.retryReason(failure);
			if (reason == null || !LlmRetry.this.policy.shouldRetry(failure)) {
				return Mono.error(failure);
			}
			Duration demanded = (failure instanceof LlmApiException api) ? api.retryAfter().orElse(null) : null;
			if (demanded != null && demanded.compareTo(LlmRetry.this.settings.maxRetryAfter()) > 0) {
				return Mono.error(failure);
			}
			long backOffMillis = this.backOff.nextBackOff();
			if (backOffMillis == BackOffExecution.STOP || this.count > LlmRetry.this.settings.maxRetries()) {
				return Mono.error(failure);
			}
			if (!LlmRetry.this.budget.tryAcquire(failure)) {
				LlmRetry.this.listener.onRetryBudgetExhausted(this.operation);
				return Mono.error(failure);
			}
			Duration wait = (demanded != null) ? demanded : jittered(backOffMillis);
			onRetry(reason, wait);
			this.count++;
			return Mono.delay(wait).thenReturn(signal);
		}

		private void onRetry(String reason, Duration wait) {
			if (logger.isWarnEnabled()) {
				logger.warn(this.operation + " attempt " + this.count + " failed (" + reason + "); retrying in "
						+ wait.toMillis() + " ms");
			}
			LlmRetry.this.listener.onRetry(this.operation, reason, this.count, wait);
		}

		private Duration jittered(long millis) {
			double factor = 1 - LlmRetry.this.settings.jitter() * ThreadLocalRandom.current().nextDouble();
			return Duration.ofMillis(Math.round(millis * factor));
		}

	}

}
