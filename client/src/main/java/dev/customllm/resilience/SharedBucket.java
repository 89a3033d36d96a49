package dev.customllm.resilience;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The token bucket of one limit, kept in a {@link RateLimitStore} and shared by every
 * instance that uses the same store and keys. Every method answers asynchronously and
 * never blocks its caller.
 * <p>
 * A future that the store answered too slowly fails with a
 * {@link java.util.concurrent.TimeoutException} (directly or as a cause); any other
 * failure means the store could not be asked. Either way the client then probes the store
 * ({@link RateLimitStore#probe()}): when the probe is answered, the store is up and the
 * call asks again within its longest wait; when it is not, the store is down and the
 * client applies its {@link StoreFailureAction} until a background probe is answered.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public interface SharedBucket {

	/**
	 * Take tokens, waiting for the refill when the bucket holds too few but will hold
	 * enough within {@code maxWait}. Tokens that would come too late are not taken.
	 * @param tokens the tokens to take, at least 1
	 * @param maxWait the longest wait for the refill; {@link Duration#ZERO} takes only
	 * tokens the bucket holds now
	 * @param scheduler where to wait for the refill without holding a thread
	 * @return completes with {@code true} once the tokens are granted (after the wait),
	 * or with {@code false} as soon as the store knows they cannot be within
	 * {@code maxWait}
	 */
	CompletableFuture<Boolean> tryConsume(long tokens, Duration maxWait, ScheduledExecutorService scheduler);

	/**
	 * Take tokens whatever the bucket holds: it may go into debt, which delays the next
	 * grants. Used to settle a grant that turned out too small.
	 * @param tokens the tokens to take, at least 1
	 * @return completes once the store took them
	 */
	CompletableFuture<Void> consumeIgnoringLimit(long tokens);

	/**
	 * Give tokens back, never beyond the bucket's capacity. Used to settle a grant that
	 * turned out too large.
	 * @param tokens the tokens to give back, at least 1
	 * @return completes once the store added them
	 */
	CompletableFuture<Void> addTokens(long tokens);

	/**
	 * Ask how many tokens the bucket holds.
	 * @return completes with the tokens the bucket holds, negative when it is in debt
	 */
	CompletableFuture<Long> availableTokens();

}
