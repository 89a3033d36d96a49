package dev.customllm.redis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RedisFuture} for a command that may first have to wait for the connection. A
 * command that got no answer within the timeout fails with a {@link TimeoutException}, so
 * that the limits tell a slow answer from a store that cannot be reached.
 *
 * @param <V> the value type
 * @author Custom LLM team
 */
final class PendingRedisFuture<V> extends CompletableFuture<V> implements RedisFuture<V> {

	static <V> PendingRedisFuture<V> of(CompletableFuture<V> future) {
		PendingRedisFuture<V> pending = new PendingRedisFuture<>();
		future.whenComplete((value, failure) -> {
			if (failure != null) {
				pending.completeExceptionally(slowAnswer(failure));
			}
			else {
				pending.complete(value);
			}
		});
		return pending;
	}

	private static Throwable slowAnswer(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (cause instanceof RedisCommandTimeoutException) {
			TimeoutException timeout = new TimeoutException(cause.getMessage());
			timeout.initCause(cause);
			return timeout;
		}
		return cause;
	}

	@Override
	public @Nullable String getError() {
		if (!isCompletedExceptionally()) {
			return null;
		}
		try {
			join();
			return null;
		}
		catch (RuntimeException ex) {
			return (ex.getCause() != null) ? ex.getCause().getMessage() : ex.getMessage();
		}
	}

	@Override
	public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
		try {
			get(timeout, unit);
			return true;
		}
		catch (ExecutionException ex) {
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
	}

}
