package dev.customllm.autoconfigure;

import org.junit.jupiter.api.Test;

import dev.customllm.CustomLlmClient;
import dev.customllm.redis.RedisRateLimitConnection;
import dev.customllm.redis.RedisRateLimitStore;
import dev.customllm.redis.RedisServers;
import dev.customllm.redis.RedisServers.OwnCluster;
import dev.customllm.redis.RedisServers.OwnRedis;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CustomLlmRedisRateLimitAutoConfiguration}.
 */
class RedisRateLimitAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, DataRedisAutoConfiguration.class,
				CustomLlmAutoConfiguration.class, CustomLlmRedisRateLimitAutoConfiguration.class))
		.withPropertyValues("custom.llm.api-key=test", "custom.llm.base-url=http://127.0.0.1:9/v1");

	@Test
	void localStoreNeverOpensTheRedisConnection() {
		this.contextRunner.withPropertyValues("custom.llm.rate-limit.requests-per-second=5").run((context) -> {
			assertThat(context).hasSingleBean(CustomLlmClient.class).hasSingleBean(RateLimitStoreFactory.class);
			assertThat(context.getBeanFactory().containsSingleton("customLlmRateLimitRedisConnection")).isFalse();
		});
	}

	@Test
	void redisStoreUsesSpringDataRedisConnectionDetails() {
		this.contextRunner
			.withPropertyValues("custom.llm.rate-limit.store=redis", "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=6399", "spring.data.redis.database=3")
			.run((context) -> {
				assertThat(context).hasSingleBean(CustomLlmClient.class);
				assertThat(context.getBean(RedisRateLimitConnection.class)).hasToString("redis://127.0.0.1:6399/3");
			});
	}

	@Test
	void sentinelCredentialsAndSslComeFromSpringDataRedis() {
		this.contextRunner
			.withPropertyValues("custom.llm.rate-limit.store=redis", "custom.llm.rate-limit.redis.timeout=250ms",
					"spring.data.redis.sentinel.master=primary", "spring.data.redis.sentinel.nodes=s1:26379,s2:26380",
					"spring.data.redis.username=fleet", "spring.data.redis.password=s3cret",
					"spring.data.redis.database=2", "spring.data.redis.ssl.enabled=true")
			.run((context) -> {
				RedisRateLimitConnection connection = context.getBean(RedisRateLimitConnection.class);
				assertThat(connection).hasToString("redis-sentinel://s1:26379,s2:26380/2#primary");
				assertThat(connection.toString()).doesNotContain("s3cret");
			});
	}

	@Test
	void clusterNodesComeFromSpringDataRedis() {
		this.contextRunner
			.withPropertyValues("custom.llm.rate-limit.store=redis",
					"spring.data.redis.cluster.nodes=127.0.0.1:" + RedisServers.freePort() + ",127.0.0.1:"
							+ RedisServers.freePort())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(RedisRateLimitConnection.class).toString())
					.startsWith("redis-cluster://127.0.0.1:");
			});
	}

	@Test
	void connectionIsOpenedAndTheScriptLoadedWhileTheApplicationStarts() {
		try (OwnRedis redis = new OwnRedis()) {
			this.contextRunner
				.withPropertyValues("custom.llm.rate-limit.store=redis", "spring.data.redis.host=127.0.0.1",
						"spring.data.redis.port=" + redis.port())
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(RedisServers.commandCalls(redis.port())).as("before any call")
						.containsKey("script|load")
						.doesNotContainKey("evalsha");
				});
		}
	}

	@Test
	void standaloneSettingsOnAClusterNodeFailTheStartUpSayingSo() {
		try (OwnCluster cluster = new OwnCluster()) {
			int port = cluster.ports().get(0);
			this.contextRunner
				.withPropertyValues("custom.llm.rate-limit.store=redis", "spring.data.redis.host=127.0.0.1",
						"spring.data.redis.port=" + port)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("Redis at redis://127.0.0.1:" + port + "/0 is a Redis Cluster node")
					.hasMessageContaining("spring.data.redis.cluster.nodes"));
		}
	}

	@Test
	void redisStoreWithoutTheRedisModuleFailsWithAnAction() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, DataRedisAutoConfiguration.class,
					CustomLlmAutoConfiguration.class, CustomLlmRedisRateLimitAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(RedisRateLimitStore.class))
			.withPropertyValues("custom.llm.api-key=test", "custom.llm.rate-limit.store=redis")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(CustomLlmConfigurationException.class)
				.hasMessageContaining("custom.llm.rate-limit.store")
				.satisfies((ex) -> assertThat(((CustomLlmConfigurationException) ex).getAction())
					.contains("custom-llm-spring-boot-starter-redis")));
	}

	@Test
	void redisStoreWithoutSpringDataRedisFailsWithAnAction() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(WebClientAutoConfiguration.class, CustomLlmAutoConfiguration.class))
			.withPropertyValues("custom.llm.api-key=test", "custom.llm.base-url=http://127.0.0.1:9/v1",
					"custom.llm.rate-limit.store=redis")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(CustomLlmConfigurationException.class)
				.hasMessageContaining("custom.llm.rate-limit.store"));
	}

}
