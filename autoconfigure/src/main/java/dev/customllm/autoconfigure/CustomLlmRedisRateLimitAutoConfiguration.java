package dev.customllm.autoconfigure;

import dev.customllm.redis.RedisCooldownStore;
import dev.customllm.redis.RedisRateLimitConnection;
import dev.customllm.redis.RedisRateLimitStore;
import dev.customllm.routing.CooldownStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Lazy;

/**
 * Auto-configuration of rate limits shared in Redis ({@code rate-limit.store=redis}), on
 * Spring Boot's Redis connection details, when {@code custom-llm-redis} is on the class
 * path ({@code custom-llm-spring-boot-starter-redis} brings it with Spring Boot's Redis
 * starter). The connection is the client's own: it is opened, and the limits' script
 * loaded, while the application starts, before it reports ready (a Redis Cluster node
 * behind standalone settings fails the start-up); Redis that cannot be reached then is no
 * error, the limits fall back until it answers. With {@code rate-limit.store=redis}, the
 * routes ({@code custom.llm.routes.*}) share their cooldowns there too, under
 * {@code custom-llm:cooldowns:<route>}.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class)
@ConditionalOnClass({ RedisRateLimitStore.class, DataRedisConnectionDetails.class })
@ConditionalOnBean(DataRedisConnectionDetails.class)
@EnableConfigurationProperties(CustomLlmProperties.class)
public final class CustomLlmRedisRateLimitAutoConfiguration {

	@Bean(destroyMethod = "close")
	@Lazy
	@ConditionalOnMissingBean
	RedisRateLimitConnection customLlmRateLimitRedisConnection(DataRedisConnectionDetails connectionDetails,
			ObjectProvider<DataRedisProperties> redisProperties, CustomLlmProperties properties) {
		return RedisRateLimitConnections.create(connectionDetails, redisProperties.getIfAvailable(),
				properties.getRateLimit().getRedis().getTimeout());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(CooldownStore.class)
	@ConditionalOnProperty(name = "custom.llm.rate-limit.store", havingValue = "redis")
	RedisCooldownStore customLlmCooldownStore(ObjectProvider<RedisRateLimitConnection> connection) {
		return new RedisCooldownStore(connection.getObject(), "custom-llm");
	}

	@Bean
	static SmartLifecycle customLlmRateLimitRedisOpener(ObjectProvider<RedisRateLimitConnection> connection,
			ObjectProvider<CustomLlmProperties> properties) {
		return new RedisConnectionOpener(connection, properties);
	}

	@Bean
	@ConditionalOnMissingBean
	RateLimitStoreFactory customLlmRateLimitStoreFactory(ObjectProvider<RedisRateLimitConnection> connection) {
		return (settings) -> new RedisRateLimitStore(connection.getObject(), settings.keyPrefix(), settings.timeout());
	}

}
