package dev.customllm.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.customllm.autoconfigure.CustomLlmAutoConfiguration;
import dev.customllm.autoconfigure.CustomLlmRedisRateLimitAutoConfiguration;
import dev.customllm.completion.CompletionModel;
import dev.customllm.redis.RedisRateLimitConnection;
import dev.customllm.redis.RedisRateLimitStore;
import dev.customllm.redis.RedisServers;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three Spring Boot instances configured with {@code rate-limit.store=redis} share one
 * request rate through a real Redis on loopback; with {@code local}, each keeps its own.
 * The store itself, its outages and crowds are tested in {@code custom-llm-redis}.
 */
@Timeout(90)
class FleetAutoConfigurationTests {

	private static final double FLEET_RATE = 20;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		Collections.reverse(this.closeables);
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@Test
	void threeInstancesConfiguredForRedisShareOneRequestRate() throws Exception {
		FleetLoad load = closing(new FleetLoad());
		String prefix = "custom-llm-test:" + UUID.randomUUID();
		List<CompletionModel> local = List.of(instance(load, prefix, "local"), instance(load, prefix, "local"),
				instance(load, prefix, "local"));
		double alone = load.run(local, 6, Duration.ofMillis(2500));
		load.reset();
		List<CompletionModel> fleet = List.of(instance(load, prefix, "redis"), instance(load, prefix, "redis"),
				instance(load, prefix, "redis"));
		double shared = load.run(fleet, 6, Duration.ofMillis(3500));
		System.out.printf(
				"fleet of 3 Boot instances: %.1f requests/s with local limits, %.1f with Redis (limit %.0f)%n", alone,
				shared, FLEET_RATE);
		// bounds with room for a loaded machine: the tight ones are in custom-llm-redis
		assertThat(alone).as("three local limits").isGreaterThan(FLEET_RATE * 1.5);
		assertThat(shared).as("one shared limit").isBetween(FLEET_RATE * 0.75, FLEET_RATE * 1.1);
		assertThat(load.failures()).isZero();
	}

	private CompletionModel instance(FleetLoad load, String prefix, String store) {
		ConfigurableApplicationContext context = closing(new SpringApplicationBuilder(Instance.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("spring.main.banner-mode=off", "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + RedisServers.sharedPort(), "custom.llm.base-url=" + load.baseUrl(),
					"custom.llm.api-key=test", "custom.llm.completion.model=m",
					"custom.llm.rate-limit.requests-per-second=" + FLEET_RATE, "custom.llm.rate-limit.max-wait=10s",
					"custom.llm.rate-limit.store=" + store, "custom.llm.rate-limit.redis.key-prefix=" + prefix)
			.run());
		if (store.equals("redis")) {
			// open the instance's connection before measuring, on a key of its own
			RedisServers.warmedUp(new RedisRateLimitStore(context.getBean(RedisRateLimitConnection.class), prefix,
					Duration.ofMillis(500)));
		}
		return context.getBean(CompletionModel.class);
	}

	private <T extends AutoCloseable> T closing(T closeable) {
		this.closeables.add(closeable);
		return closeable;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ WebClientAutoConfiguration.class, DataRedisAutoConfiguration.class,
			CustomLlmAutoConfiguration.class, CustomLlmRedisRateLimitAutoConfiguration.class })
	static class Instance {

	}

}
