package dev.customllm.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;

import dev.customllm.resilience.Bandwidth;
import dev.customllm.resilience.RateLimitStore;
import dev.customllm.resilience.SharedBucket;

/**
 * Keeps the rate limits of one client in Redis, with Bucket4j's compare-and-swap buckets
 * on Lettuce, under {@code <key-prefix>:rate} and {@code <key-prefix>:tokens}. Every
 * instance whose client has the same key prefix shares the same limits. Keys expire once
 * their bucket would be full again.
 * <p>
 * Each bucket sends at most one request to Redis at a time from this instance (Bucket4j's
 * batching): the calls that arrive meanwhile wait in order and go together in the next
 * request, one read and one compare-and-swap for all of them. A crowd of waiters
 * therefore costs a few round trips rather than a compare-and-swap conflict each, and
 * never takes the store's timeout for an outage.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class RedisRateLimitStore implements RateLimitStore {

	private final RedisRateLimitConnection connection;

	private final String keyPrefix;

	private final AsyncProxyManager<byte[]> buckets;

	/**
	 * Create a new instance.
	 * @param connection the connection to Redis
	 * @param keyPrefix the prefix of the client's keys
	 * @param timeout longest wait for Redis before it counts as unreachable
	 */
	public RedisRateLimitStore(RedisRateLimitConnection connection, String keyPrefix, Duration timeout) {
		if (keyPrefix.isBlank()) {
			throw new IllegalArgumentException("keyPrefix must not be blank");
		}
		this.connection = connection;
		this.keyPrefix = keyPrefix;
		this.buckets = new Bucket4jLettuce.LettuceBasedProxyManagerBuilder<>(connection.api())
			.expirationAfterWrite(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
			.requestTimeout(timeout)
			.build()
			.asAsync();
	}

	@Override
	public SharedBucket bucket(String limit, Bandwidth bandwidth) {
		byte[] key = (this.keyPrefix + ":" + limit).getBytes(StandardCharsets.UTF_8);
		BucketConfiguration configuration = BucketConfiguration.builder()
			.addLimit((builder) -> builder.capacity(bandwidth.capacity())
				.refillGreedy(bandwidth.refillTokens(), bandwidth.refillPeriod()))
			.build();
		return new Bucket4jSharedBucket(
				this.buckets.builder().withOptimization(Optimizations.batching()).build(key, configuration));
	}

	@Override
	public String kind() {
		return "redis";
	}

	/**
	 * Return where the limits are: the address of Redis and the keys, never credentials.
	 * @return the store, such as {@code redis://host:6379/0 (keys custom-llm:custom:*)}
	 */
	@Override
	public String toString() {
		return this.connection + " (keys " + this.keyPrefix + ":*)";
	}

}
