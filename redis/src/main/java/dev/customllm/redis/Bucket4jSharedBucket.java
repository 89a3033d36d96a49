package dev.customllm.redis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.github.bucket4j.distributed.AsyncBucketProxy;

import dev.customllm.resilience.SharedBucket;

/**
 * A {@link SharedBucket} on a Bucket4j bucket proxy. A request that Bucket4j gave up on
 * after its request timeout fails with a {@link TimeoutException}, as the SPI asks.
 *
 * @author Custom LLM team
 */
final class Bucket4jSharedBucket implements SharedBucket {

	private final AsyncBucketProxy bucket;

	Bucket4jSharedBucket(AsyncBucketProxy bucket) {
		this.bucket = bucket;
	}

	@Override
	public CompletableFuture<Boolean> tryConsume(long tokens, Duration maxWait, ScheduledExecutorService scheduler) {
		if (maxWait.isZero() || maxWait.isNegative()) {
			// Bucket4j's scheduler takes only a positive wait
			return answer(() -> this.bucket.tryConsume(tokens));
		}
		return answer(() -> this.bucket.asScheduler().tryConsume(tokens, maxWait, scheduler));
	}

	@Override
	public CompletableFuture<Void> consumeIgnoringLimit(long tokens) {
		return answer(() -> this.bucket.consumeIgnoringRateLimits(tokens).thenApply((penalty) -> null));
	}

	@Override
	public CompletableFuture<Void> addTokens(long tokens) {
		return answer(() -> this.bucket.addTokens(tokens));
	}

	@Override
	public CompletableFuture<Long> availableTokens() {
		return answer(this.bucket::getAvailableTokens);
	}

	private static <T> CompletableFuture<T> answer(Supplier<CompletableFuture<T>> request) {
		CompletableFuture<T> answer = new CompletableFuture<>();
		CompletableFuture<T> sent;
		try {
			sent = request.get();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(slowAnswer(ex));
		}
		sent.whenComplete((value, failure) -> {
			if (failure != null) {
				answer.completeExceptionally(slowAnswer(failure));
			}
			else {
				answer.complete(value);
			}
		});
		return answer;
	}

	/**
	 * Bucket4j's own timeout becomes the JDK's, with Bucket4j's as its cause; any other
	 * failure is passed on unwrapped.
	 */
	static Throwable slowAnswer(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (cause instanceof io.github.bucket4j.TimeoutException) {
			TimeoutException timeout = new TimeoutException(cause.getMessage());
			timeout.initCause(cause);
			return timeout;
		}
		return cause;
	}

}
