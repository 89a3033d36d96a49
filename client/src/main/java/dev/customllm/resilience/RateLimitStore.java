package dev.customllm.resilience;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.AsyncBucketProxy;

/**
 * Keeps the token buckets of a client's rate limits where several instances share them,
 * such as Redis. A bucket that cannot be reached fails its futures; the client then
 * applies its {@link StoreFailureAction} and probes the store in the background until it
 * answers again. A bucket that answers too slowly fails with a
 * {@link java.util.concurrent.TimeoutException} (or Bucket4j's
 * {@link io.github.bucket4j.TimeoutException}): the client counts the store as down only
 * when a probe gets no answer either. {@link Object#toString() toString()} names the
 * store in logs and health details, and must not contain credentials. A remote store
 * should build its buckets with Bucket4j's {@code Optimizations.batching()}, as
 * {@code RedisRateLimitStore} does, so that each bucket has one request in flight per
 * instance however many calls wait.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public interface RateLimitStore {

	/**
	 * Return the shared bucket of one limit, created with the given configuration when
	 * the store holds none yet.
	 * @param limit the name of the limit: {@code rate} or {@code tokens}
	 * @param configuration the bandwidth of the limit
	 * @return the bucket
	 */
	AsyncBucketProxy bucket(String limit, BucketConfiguration configuration);

	/**
	 * Return the kind of store, the {@code store} tag of the permit meters.
	 * @return the kind of store, such as {@code redis}
	 */
	String kind();

}
