package dev.customllm.resilience;

import org.junit.jupiter.api.Test;

import dev.customllm.CustomLlmClient;
import dev.customllm.autoconfigure.CustomLlmAutoConfiguration;
import dev.customllm.autoconfigure.CustomLlmConfigurationException;
import dev.customllm.autoconfigure.CustomLlmRedisRateLimitAutoConfiguration;
import dev.customllm.autoconfigure.RateLimitStoreFactory;
import dev.customllm.resilience.redis.RedisRateLimitConnection;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
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
		.withPropertyValues("custom.llm.api-key=test");

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
	void redisStoreWithoutSpringDataRedisFailsWithAnAction() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(WebClientAutoConfiguration.class, CustomLlmAutoConfiguration.class))
			.withPropertyValues("custom.llm.api-key=test", "custom.llm.rate-limit.store=redis")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(CustomLlmConfigurationException.class)
				.hasMessageContaining("custom.llm.rate-limit.store"));
	}

}
