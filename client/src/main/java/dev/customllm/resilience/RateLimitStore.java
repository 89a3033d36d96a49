package dev.customllm.resilience;

/**
 * Keeps the token buckets of a client's rate limits where several instances share them,
 * such as Redis ({@code RedisRateLimitStore} in {@code custom-llm-redis}). A bucket that
 * cannot be reached fails its futures; the client then applies its
 * {@link StoreFailureAction} and probes the store in the background until it answers
 * again. A bucket that answers too slowly fails with a
 * {@link java.util.concurrent.TimeoutException}: the client counts the store as down only
 * when a probe gets no answer either ({@link SharedBucket}). {@link Object#toString()
 * toString()} names the store in logs and health details, and must not contain
 * credentials.
 * <p>
 * A remote store should batch the requests of one instance per bucket, as
 * {@code RedisRateLimitStore} does, so that each bucket has one request in flight per
 * instance however many calls wait.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public interface RateLimitStore {

	/**
	 * Return the shared bucket of one limit, created with the given bandwidth when the
	 * store holds none yet. Called once per limit when the client is built.
	 * @param limit the name of the limit: {@code rate} or {@code tokens}
	 * @param bandwidth the bandwidth of the limit
	 * @return the bucket
	 */
	SharedBucket bucket(String limit, Bandwidth bandwidth);

	/**
	 * Return the kind of store, the {@code store} tag of the permit meters.
	 * @return the kind of store, such as {@code redis}
	 */
	String kind();

}
