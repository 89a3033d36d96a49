package dev.customllm.autoconfigure;

import dev.customllm.redis.RedisRateLimitConnection;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Opens the rate-limit connection while the application starts, before it reports ready,
 * when a client keeps its limits in Redis: the first calls then find the connection open
 * and the script loaded, instead of opening it inside the first crowd.
 *
 * @author Custom LLM team
 */
final class RedisConnectionOpener implements SmartLifecycle {

	private final ObjectProvider<RedisRateLimitConnection> connection;

	private final ObjectProvider<CustomLlmProperties> properties;

	private volatile boolean running;

	RedisConnectionOpener(ObjectProvider<RedisRateLimitConnection> connection,
			ObjectProvider<CustomLlmProperties> properties) {
		this.connection = connection;
		this.properties = properties;
	}

	@Override
	public void start() {
		CustomLlmProperties properties = this.properties.getIfAvailable();
		if (properties != null && usesRedis(properties)) {
			RedisRateLimitConnection connection = this.connection.getIfAvailable();
			if (connection != null) {
				connection.open();
			}
		}
		this.running = true;
	}

	private static boolean usesRedis(CustomLlmProperties properties) {
		if (properties.getRateLimit().getStore() == CustomLlmClientProperties.RateLimit.Store.REDIS) {
			return true;
		}
		return properties.getClients()
			.values()
			.stream()
			.anyMatch((client) -> client.getRateLimit().getStore() == CustomLlmClientProperties.RateLimit.Store.REDIS);
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// before the web server starts and the application reports ready
		return SmartLifecycle.DEFAULT_PHASE - 2048;
	}

}
