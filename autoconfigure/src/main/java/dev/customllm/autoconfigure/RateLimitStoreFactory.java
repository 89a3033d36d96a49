package dev.customllm.autoconfigure;

import dev.customllm.retry.RateLimitStore;

/**
 * Creates the shared store of a client's rate limits when its
 * {@code rate-limit.store} is {@code redis}. Auto-configured on Spring Boot's Redis
 * connection details; a bean of this type replaces it.
 *
 * @author Custom LLM team
 */
@FunctionalInterface
public interface RateLimitStoreFactory {

	/**
	 * Create the store of one client.
	 * @param properties the client's properties
	 * @return the store
	 */
	RateLimitStore create(CustomLlmProperties properties);

}
