package dev.customllm.docs.snippets.resilience;

import java.time.Duration;
import java.util.List;

import dev.customllm.CustomLlmClient;
import dev.customllm.redis.RedisConnectionSettings;
import dev.customllm.redis.RedisRateLimitConnection;
import dev.customllm.redis.RedisRateLimitStore;
import dev.customllm.resilience.RateLimitSettings;
import dev.customllm.resilience.StoreFailureAction;

/**
 * docs/resilience.md, "Setting it up": a fleet's limits in Redis without Spring.
 */
final class FleetWithoutSpring {

	private FleetWithoutSpring() {
	}

	static CustomLlmClient client(List<AutoCloseable> closeables) {
		RedisRateLimitConnection connection = new RedisRateLimitConnection(RedisConnectionSettings.builder()
			.standalone("redis.internal", 6379)
			.credentials(null, System.getenv("REDIS_PASSWORD"))
			.timeout(Duration.ofMillis(500))
			.build());
		// connect and load the script before taking traffic; false while Redis is down
		connection.open();
		CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl("http://vllm.internal:8000/v1")
			.rateLimits(RateLimitSettings.builder()
				.requestsPerSecond(50.0)
				.tokensPerMinute(200_000L)
				.maxWait(Duration.ofSeconds(30))
				.onStoreFailure(StoreFailureAction.LOCAL)
				.expectedInstances(3)
				.build())
			.rateLimitStore(new RedisRateLimitStore(connection, "custom-llm:vllm", Duration.ofMillis(500)))
			.build();
		closeables.add(client);
		closeables.add(connection);
		return client;
	}

}
