package dev.customllm.autoconfigure;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.customllm.redis.RedisConnectionSettings;
import dev.customllm.redis.RedisRateLimitConnection;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Cluster;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Sentinel;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Standalone;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.ssl.SslBundle;

/**
 * Creates the rate-limit connection from Spring Boot's Redis connection details: a
 * standalone server, a Sentinel-managed master or a Redis Cluster, with credentials,
 * database and SSL.
 *
 * @author Custom LLM team
 */
final class RedisRateLimitConnections {

	private RedisRateLimitConnections() {
	}

	static RedisRateLimitConnection create(DataRedisConnectionDetails details, @Nullable DataRedisProperties properties,
			Duration timeout) {
		return new RedisRateLimitConnection(settings(details, properties, timeout));
	}

	static RedisConnectionSettings settings(DataRedisConnectionDetails details,
			@Nullable DataRedisProperties properties, Duration timeout) {
		if (details.getMasterReplica() != null) {
			throw new CustomLlmConfigurationException(
					"custom.llm.rate-limit.store=redis supports a standalone Redis, Sentinel or a Redis Cluster, "
							+ "not static master/replica nodes",
					"Point spring.data.redis.* at a standalone, Sentinel-managed or cluster Redis, or set "
							+ "'custom.llm.rate-limit.store=local'.");
		}
		RedisConnectionSettings.Builder builder = RedisConnectionSettings.builder()
			.credentials(details.getUsername(), details.getPassword())
			.timeout(timeout);
		Sentinel sentinel = details.getSentinel();
		Cluster cluster = details.getCluster();
		if (cluster != null) {
			builder.cluster(cluster.getNodes()
				.stream()
				.map((node) -> InetSocketAddress.createUnresolved(node.host(), node.port()))
				.toList());
		}
		else if (sentinel != null) {
			builder
				.sentinel(sentinel.getMaster(),
						sentinel.getNodes()
							.stream()
							.map((node) -> InetSocketAddress.createUnresolved(node.host(), node.port()))
							.toList())
				.sentinelPassword(sentinel.getPassword())
				.database(sentinel.getDatabase());
		}
		else {
			Standalone standalone = Objects.requireNonNull(details.getStandalone(), "standalone Redis without details");
			builder.standalone(standalone.getHost(), standalone.getPort()).database(standalone.getDatabase());
		}
		SslBundle bundle = details.getSslBundle();
		if (bundle != null) {
			builder.ssl(bundle.getManagers().getKeyManagerFactory(), bundle.getManagers().getTrustManagerFactory());
		}
		else {
			builder.ssl(properties != null && properties.getSsl().isEnabled());
		}
		return builder.build();
	}

}
