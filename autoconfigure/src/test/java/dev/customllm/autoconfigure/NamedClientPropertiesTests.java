package dev.customllm.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.customllm.CustomLlmClient;
import dev.customllm.resilience.RateLimitStore;
import dev.customllm.test.LlmSimulator;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for the properties of named clients ({@code custom.llm.clients.<name>.*}): their
 * own type, what they inherit from {@code custom.llm.*} and what they reject.
 */
class NamedClientPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, CustomLlmAutoConfiguration.class));

	@Test
	void aNamedClientInheritsSettingsButNeitherTheProviderNameNorTheRedisKeyPrefix() {
		MockEnvironment environment = new MockEnvironment().withProperty("custom.llm.provider-name", "gateway")
			.withProperty("custom.llm.rate-limit.redis.key-prefix", "shared:")
			.withProperty("custom.llm.retry.max-retries", "5")
			.withProperty("custom.llm.headers.X-App", "demo")
			.withProperty("custom.llm.clients.chat.headers.X-Team", "search")
			.withProperty("custom.llm.clients.chat.completion.model", "big-model");
		CustomLlmClientProperties chat = NamedClients.properties(environment, "chat");
		assertThat(chat).isNotInstanceOf(CustomLlmProperties.class);
		assertThat(chat.getProviderName()).isEqualTo("chat");
		assertThat(chat.getRateLimit().getRedis().getKeyPrefix()).isNull();
		assertThat(chat.getRetry().getMaxRetries()).isEqualTo(5);
		assertThat(chat.getHeaders()).containsExactlyInAnyOrderEntriesOf(Map.of("X-App", "demo", "X-Team", "search"));
		assertThat(chat.getCompletion().getModel()).isEqualTo("big-model");
	}

	@Test
	void aNamedClientMaySetItsOwnProviderNameAndRedisKeyPrefix() {
		MockEnvironment environment = new MockEnvironment().withProperty("custom.llm.provider-name", "gateway")
			.withProperty("custom.llm.clients.chat.provider-name", "openai")
			.withProperty("custom.llm.clients.chat.rate-limit.redis.key-prefix", "fleet:openai:");
		CustomLlmClientProperties chat = NamedClients.properties(environment, "chat");
		assertThat(chat.getProviderName()).isEqualTo("openai");
		assertThat(chat.getRateLimit().getRedis().getKeyPrefix()).isEqualTo("fleet:openai:");
	}

	@Test
	void everyClientPropertyOfTheMetadataBindsOnANamedClient() throws Exception {
		JsonNode metadata = JsonMapper.builder()
			.build()
			.readTree(Files.readString(Path.of("target/classes/META-INF/spring-configuration-metadata.json")));
		MockEnvironment environment = new MockEnvironment();
		List<String> names = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			if (name.equals("custom.llm.enabled") || name.equals("custom.llm.clients")
					|| name.equals("custom.llm.routes") || name.startsWith(CustomLlmSimulatorProperties.PREFIX + ".")) {
				continue;
			}
			String own = "custom.llm.clients.x." + name.substring("custom.llm.".length());
			String type = property.get("type").asString();
			environment.setProperty(type.startsWith("java.util.Map<") ? own + ".key" : own, sampleValue(property));
			names.add(own);
		}
		assertThat(names).hasSizeGreaterThan(40);
		CustomLlmClientProperties properties = NamedClients.properties(environment, "x");
		assertThat(properties.getProviderName()).isEqualTo("custom");
		assertThat(properties.getRetry().getBudget().getCapacity()).isEqualTo(500);
	}

	private static String sampleValue(JsonNode property) {
		if (property.has("defaultValue")) {
			return property.get("defaultValue").asString();
		}
		return switch (property.get("type").asString()) {
			case "java.lang.Integer", "java.lang.Long", "java.lang.Double" -> "1";
			case "org.springframework.util.unit.DataSize" -> "8MB";
			case "java.time.Duration" -> "1s";
			default -> "sample";
		};
	}

	@Test
	void enabledOfANamedClientIsRejectedWithItsName() {
		this.contextRunner
			.withPropertyValues("custom.llm.clients.chat.base-url=http://127.0.0.1:9/v1",
					"custom.llm.clients.chat.api-key-required=false", "custom.llm.clients.chat.enabled=false")
			.run((context) -> {
				CustomLlmConfigurationException failure = rootCause(context.getStartupFailure());
				assertThat(failure.getMessage()).isEqualTo(
						"Named client 'chat' sets 'custom.llm.clients.chat.enabled' (\"custom.llm.clients.chat.enabled\""
								+ " from property source \"test\"), which is not a property of a named client.");
				assertThat(failure.getAction()).contains("Remove or rename it",
						"except 'enabled' (custom.llm.enabled switches all clients on or off)");
			});
	}

	@Test
	void clientsOfANamedClientAreRejectedWithTheirNames() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("custom.llm.clients.x.clients.y.base-url", "http://127.0.0.1:9/v1")
			.withProperty("custom.llm.clients.x.base-ur1", "http://127.0.0.1:9/v1");
		assertThatExceptionOfType(CustomLlmConfigurationException.class)
			.isThrownBy(() -> NamedClients.properties(environment, "x"))
			.withMessageStartingWith("Named client 'x' sets 'custom.llm.clients.x.base-ur1'")
			.withMessageContaining("'custom.llm.clients.x.clients.y.base-url'")
			.withMessageEndingWith("which are not properties of a named client.")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("Remove or rename them",
					"'clients' (named clients are not nested: declare each one as custom.llm.clients.<name>)"));
	}

	@Test
	void theRateLimitStoreFactoryReceivesEachClientsKeyPrefixAndTimeout() {
		try (LlmSimulator simulator = LlmSimulator.start()) {
			this.contextRunner.withUserConfiguration(CapturingStoreFactoryConfiguration.class)
				.withPropertyValues("custom.llm.api-key=sk-test", "custom.llm.base-url=" + simulator.baseUrl(),
						"custom.llm.rate-limit.store=redis", "custom.llm.rate-limit.redis.key-prefix=shared:",
						"custom.llm.rate-limit.redis.timeout=250ms",
						"custom.llm.clients.chat.base-url=" + simulator.baseUrl(),
						"custom.llm.clients.embed.base-url=" + simulator.baseUrl(),
						"custom.llm.clients.embed.rate-limit.redis.key-prefix=embed:")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					context.getBean(CustomLlmClient.class);
					assertThat(context.getBean(CapturingStoreFactory.class).settings).containsExactlyInAnyOrder(
							new RateLimitStoreFactory.Settings("shared:", Duration.ofMillis(250)),
							new RateLimitStoreFactory.Settings("custom-llm:chat", Duration.ofMillis(250)),
							new RateLimitStoreFactory.Settings("embed:", Duration.ofMillis(250)));
				});
		}
	}

	@SuppressWarnings("unchecked")
	private static <T extends Throwable> T rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return (T) cause;
	}

	@Configuration(proxyBeanMethods = false)
	static class CapturingStoreFactoryConfiguration {

		@Bean
		CapturingStoreFactory capturingStoreFactory() {
			return new CapturingStoreFactory();
		}

	}

	static class CapturingStoreFactory implements RateLimitStoreFactory {

		final List<Settings> settings = new ArrayList<>();

		@Override
		public RateLimitStore create(Settings settings) {
			this.settings.add(settings);
			RateLimitStore store = mock(RateLimitStore.class);
			given(store.kind()).willReturn("mock");
			return store;
		}

	}

}
