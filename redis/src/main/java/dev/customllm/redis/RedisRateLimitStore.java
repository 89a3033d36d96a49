package dev.customllm.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.customllm.resilience.Bandwidth;
import dev.customllm.resilience.RateLimitStore;
import dev.customllm.resilience.SharedBucket;

/**
 * Keeps the rate limits of one client in Redis, under {@code {<key-prefix>}:rate} and
 * {@code {<key-prefix>}:tokens}, with the instances that share them under
 * {@code {<key-prefix>}:instances}: the prefix in braces is a Redis Cluster hash tag, so
 * that all of a client's keys live in one slot. Every instance whose client has the same
 * key prefix shares the same limits. A bucket's key expires once the bucket would be full
 * again.
 * <p>
 * Each question is one round trip: a Lua script, loaded once per connection and sent by
 * its digest, that refills the bucket on the server's clock and takes, reserves or gives
 * back tokens in one step. A permit asked while the bucket is empty is reserved from the
 * refill (within the call's longest wait) and waited for in this instance, so that a
 * granted permit costs one round trip and instances never conflict. {@link #probe()} is a
 * {@code PING}, never queued behind the buckets' questions.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class RedisRateLimitStore implements RateLimitStore {

	/**
	 * How long an instance counts as sharing the limits after its last heartbeat.
	 */
	static final Duration HEARTBEAT_TTL = Duration.ofSeconds(5);

	private final RedisRateLimitConnection connection;

	private final String keyPrefix;

	private final Duration timeout;

	/**
	 * Create a new instance.
	 * @param connection the connection to Redis
	 * @param keyPrefix the prefix of the client's keys, without braces
	 * @param timeout longest wait for an answer from Redis
	 */
	public RedisRateLimitStore(RedisRateLimitConnection connection, String keyPrefix, Duration timeout) {
		if (keyPrefix.isBlank()) {
			throw new IllegalArgumentException("keyPrefix must not be blank");
		}
		if (keyPrefix.contains("{") || keyPrefix.contains("}")) {
			throw new IllegalArgumentException(
					"keyPrefix must not contain braces: the store puts it in a hash tag of its own, but was "
							+ keyPrefix);
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
		}
		this.connection = connection;
		this.keyPrefix = keyPrefix;
		this.timeout = timeout;
	}

	@Override
	public SharedBucket bucket(String limit, Bandwidth bandwidth) {
		return new RedisBucket(key(limit), bandwidth);
	}

	private String key(String name) {
		return "{" + this.keyPrefix + "}:" + name;
	}

	@Override
	public CompletableFuture<?> probe() {
		return this.connection.ping().orTimeout(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	@Override
	public CompletableFuture<Integer> heartbeat(String instance) {
		return run(key("instances"), "beat", instance, String.valueOf(HEARTBEAT_TTL.toMillis()))
			.thenApply((count) -> (int) (long) (Long) count.get(0));
	}

	@Override
	public CompletableFuture<Void> leave(String instance) {
		return run(key("instances"), "leave", instance).thenApply((removed) -> null);
	}

	private CompletableFuture<List<Object>> run(String key, String... args) {
		return this.connection.run(key, args).orTimeout(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	@Override
	public String kind() {
		return "redis";
	}

	/**
	 * Return where the limits are: the address of Redis and the keys, never credentials.
	 * @return the store, such as {@code redis://host:6379/0 (keys {custom-llm:custom}:*)}
	 */
	@Override
	public String toString() {
		return this.connection + " (keys {" + this.keyPrefix + "}:*)";
	}

	/**
	 * One bucket, asked through the script.
	 */
	private final class RedisBucket implements SharedBucket {

		private final String key;

		private final String capacity;

		private final String refill;

		private final String periodMicros;

		RedisBucket(String key, Bandwidth bandwidth) {
			this.key = key;
			this.capacity = String.valueOf(bandwidth.capacity());
			this.refill = String.valueOf(bandwidth.refillTokens());
			this.periodMicros = String.valueOf(Math.max(1, bandwidth.refillPeriod().toNanos() / 1000));
		}

		@Override
		public CompletableFuture<Boolean> tryConsume(long tokens, Duration maxWait,
				ScheduledExecutorService scheduler) {
			long maxWaitMicros = Math.max(0, maxWait.toNanos() / 1000);
			return ask("take", tokens, String.valueOf(maxWaitMicros)).thenCompose((answer) -> {
				long wait = (Long) answer.get(0);
				if (wait <= 0) {
					return CompletableFuture.completedFuture(wait == 0);
				}
				CompletableFuture<Boolean> granted = new CompletableFuture<>();
				ScheduledFuture<?> wakeUp = scheduler.schedule(() -> granted.complete(true), wait,
						TimeUnit.MICROSECONDS);
				granted.whenComplete((done, failure) -> wakeUp.cancel(false));
				return granted;
			});
		}

		@Override
		public CompletableFuture<Void> consumeIgnoringLimit(long tokens) {
			return ask("force", tokens).thenApply((answer) -> null);
		}

		@Override
		public CompletableFuture<Void> addTokens(long tokens) {
			return ask("add", tokens).thenApply((answer) -> null);
		}

		@Override
		public CompletableFuture<Long> availableTokens() {
			return ask("peek", 0).thenApply((answer) -> (Long) answer.get(1));
		}

		private CompletableFuture<List<Object>> ask(String operation, long tokens, String... more) {
			String[] args = new String[5 + more.length];
			args[0] = operation;
			args[1] = String.valueOf(tokens);
			args[2] = this.capacity;
			args[3] = this.refill;
			args[4] = this.periodMicros;
			System.arraycopy(more, 0, args, 5, more.length);
			return run(this.key, args);
		}

	}

}
