package dev.customllm.resilience;

import java.util.concurrent.CompletableFuture;

/**
 * Keeps the token buckets of a client's rate limits where several instances share them,
 * such as Redis ({@code RedisRateLimitStore} in {@code custom-llm-redis}). A bucket that
 * cannot be reached fails its futures; the client then applies its
 * {@link StoreFailureAction} and probes the store in the background until it answers
 * again. The client counts the store as down only when {@link #probe()} gets no answer
 * either: a bucket that answers too slowly (a
 * {@link java.util.concurrent.TimeoutException}) costs the call its time, not the fleet
 * its shared limits ({@link SharedBucket}). {@link Object#toString() toString()} names
 * the store in logs and health details, and must not contain credentials.
 * <p>
 * A remote store should answer each question in one round trip, as
 * {@code RedisRateLimitStore} does, and count the instances that share its limits
 * ({@link #heartbeat(String)}), so that each instance can fall back to its fair share
 * while the store is lost.
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

	/**
	 * Ask the store something cheap on a path of its own, never queued behind the
	 * buckets' requests: the client probes a store that answered a bucket's request too
	 * slowly or not at all, and probes a store that is down until it answers again.
	 * @return completes normally once the store answered
	 */
	CompletableFuture<?> probe();

	/**
	 * Tell the store that an instance is alive, and learn how many instances share the
	 * limits: the client calls it about once a second while the store answers, and falls
	 * back to {@code limit / instances} per instance while the store is lost.
	 * @param instance an identifier of the instance, unique in the fleet
	 * @return completes with the number of instances that sent a heartbeat within the
	 * last few seconds, this one included; {@code 0} when the store does not count them
	 * (the default)
	 */
	default CompletableFuture<Integer> heartbeat(String instance) {
		return CompletableFuture.completedFuture(0);
	}

	/**
	 * Tell the store that an instance stops sharing the limits, when its client closes.
	 * @param instance the identifier given to {@link #heartbeat(String)}
	 * @return completes once the store forgot the instance
	 */
	default CompletableFuture<Void> leave(String instance) {
		return CompletableFuture.completedFuture(null);
	}

}
