package dev.customllm.autoconfigure;

import java.time.Duration;

import dev.customllm.resilience.RateLimitStore;

/**
 * Creates the shared store of a client's rate limits when its {@code rate-limit.store} is
 * {@code redis}. Auto-configured on Spring Boot's Redis connection details; a bean of
 * this type replaces it.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
@FunctionalInterface
public interface RateLimitStoreFactory {

	/**
	 * Create the store of one client.
	 * @param settings what the client's store needs
	 * @return the store
	 */
	RateLimitStore create(Settings settings);

	/**
	 * What the store of one client needs.
	 *
	 * @param keyPrefix prefix of the client's keys ({@code rate-limit.redis.key-prefix},
	 * by default {@code custom-llm:} followed by the provider name); instances whose
	 * clients have the same prefix share their limits
	 * @param timeout longest wait for the store before it counts as unreachable
	 * ({@code rate-limit.redis.timeout})
	 */
	record Settings(String keyPrefix, Duration timeout) {

	}

}
