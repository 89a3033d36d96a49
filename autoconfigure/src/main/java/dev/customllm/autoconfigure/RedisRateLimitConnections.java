package dev.customllm.autoconfigure;

import java.time.Duration;
import java.util.Objects;

import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import org.jspecify.annotations.Nullable;

import dev.customllm.resilience.redis.RedisRateLimitConnection;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Node;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Sentinel;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Standalone;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.ssl.SslBundle;

/**
 * Creates the rate-limit connection from Spring Boot's Redis connection details: a
 * standalone server or a Sentinel-managed master, with credentials, database and SSL.
 *
 * @author Custom LLM team
 */
final class RedisRateLimitConnections {

	private RedisRateLimitConnections() {
	}

	static RedisRateLimitConnection create(DataRedisConnectionDetails details, @Nullable DataRedisProperties properties,
			Duration timeout) {
		return new RedisRateLimitConnection(uri(details, properties), timeout, sslOptions(details.getSslBundle()));
	}

	static RedisURI uri(DataRedisConnectionDetails details, @Nullable DataRedisProperties properties) {
		if (details.getCluster() != null || details.getMasterReplica() != null) {
			throw new CustomLlmConfigurationException(
					"custom.llm.rate-limit.store=redis supports a standalone Redis or Sentinel, not a cluster",
					"Point spring.data.redis.* at a standalone or Sentinel-managed Redis, or set "
							+ "'custom.llm.rate-limit.store=local'.");
		}
		RedisURI.Builder builder = (details.getSentinel() != null) ? sentinel(details.getSentinel())
				: standalone(Objects.requireNonNull(details.getStandalone(), "standalone Redis without details"));
		if (details.getPassword() != null) {
			builder = (details.getUsername() != null)
					? builder.withAuthentication(details.getUsername(), details.getPassword())
					: builder.withPassword(details.getPassword().toCharArray());
		}
		boolean ssl = details.getSslBundle() != null || (properties != null && properties.getSsl().isEnabled());
		return builder.withSsl(ssl).build();
	}

	private static RedisURI.Builder standalone(Standalone standalone) {
		return RedisURI.builder()
			.withHost(standalone.getHost())
			.withPort(standalone.getPort())
			.withDatabase(standalone.getDatabase());
	}

	private static RedisURI.Builder sentinel(Sentinel sentinel) {
		RedisURI.Builder builder = RedisURI.builder()
			.withSentinelMasterId(sentinel.getMaster())
			.withDatabase(sentinel.getDatabase());
		for (Node node : sentinel.getNodes()) {
			builder = (sentinel.getPassword() != null)
					? builder.withSentinel(node.host(), node.port(), sentinel.getPassword())
					: builder.withSentinel(node.host(), node.port());
		}
		return builder;
	}

	private static @Nullable SslOptions sslOptions(@Nullable SslBundle bundle) {
		if (bundle == null) {
			return null;
		}
		return SslOptions.builder()
			.keyManager(bundle.getManagers().getKeyManagerFactory())
			.trustManager(bundle.getManagers().getTrustManagerFactory())
			.build();
	}

}
