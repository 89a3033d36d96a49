package dev.customllm.testcontainers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.ollama.OllamaContainer;
import org.wiremock.integrations.testcontainers.WireMockContainer;

import dev.customllm.CustomLlmClient;
import dev.customllm.autoconfigure.CustomLlmAutoConfiguration;
import dev.customllm.autoconfigure.CustomLlmConnectionDetails;
import dev.customllm.completion.CompletionModel;
import dev.customllm.test.LlmSimulator;
import dev.customllm.testcontainers.KnownContainers.KnownGenericContainer;
import dev.customllm.testcontainers.KnownContainers.KnownWireMockContainer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsNotFoundException;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the service connection factories, with containers that report a known host
 * and port and are never started, so that they run without Docker. The "container" is an
 * {@link LlmSimulator}, so that the wiring is checked up to a request.
 */
class ServiceConnectionTests {

	private static LlmSimulator simulator;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServiceConnectionAutoConfiguration.class,
				WebClientAutoConfiguration.class, CustomLlmAutoConfiguration.class))
		.withPropertyValues("custom.llm.base-url=http://127.0.0.1:9/from-properties",
				"custom.llm.api-key=sk-from-properties");

	@BeforeAll
	static void start() {
		simulator = LlmSimulator.start();
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	@BeforeEach
	void reset() {
		simulator.reset();
	}

	@Test
	void ollamaContainerSuppliesItsOpenAiEndpointAndPlaceholderKey() {
		this.contextRunner.withUserConfiguration(OllamaConfiguration.class)
			.run((context) -> assertConnectedTo(context, "ollama"));
	}

	@Test
	void wireMockContainerSuppliesV1UnderItsBaseUrl() {
		this.contextRunner.withUserConfiguration(WireMockConfiguration.class)
			.run((context) -> assertConnectedTo(context, "wiremock"));
	}

	@Test
	void genericContainerNamedWireMockSuppliesV1OnPort8080() {
		this.contextRunner.withUserConfiguration(GenericWireMockConfiguration.class)
			.run((context) -> assertConnectedTo(context, "wiremock"));
	}

	@Test
	void wireMockContainerNamedExplicitlyGetsOneConnection() {
		this.contextRunner.withUserConfiguration(NamedWireMockConfiguration.class)
			.run((context) -> assertConnectedTo(context, "wiremock"));
	}

	@Test
	void otherContainersAreNotTakenForWireMock() {
		this.contextRunner.withUserConfiguration(UnrelatedContainerConfiguration.class)
			.run((context) -> assertThat(context).getFailure().isInstanceOf(ConnectionDetailsNotFoundException.class));
	}

	@Test
	void withoutContainersThePropertiesAreInCharge() {
		this.contextRunner.run((context) -> assertThat(context.getBean(CustomLlmConnectionDetails.class).getBaseUrl())
			.isEqualTo("http://127.0.0.1:9/from-properties"));
	}

	@Test
	void noKeyPropertyIsNeededWithAServiceConnection() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ServiceConnectionAutoConfiguration.class,
					WebClientAutoConfiguration.class, CustomLlmAutoConfiguration.class))
			.withUserConfiguration(OllamaConfiguration.class)
			.run((context) -> assertConnectedTo(context, "ollama"));
	}

	private static void assertConnectedTo(AssertableApplicationContext context, String key) {
		assertThat(context).hasNotFailed().hasSingleBean(CustomLlmConnectionDetails.class);
		CustomLlmConnectionDetails details = context.getBean(CustomLlmConnectionDetails.class);
		assertThat(details.getBaseUrl()).isEqualTo(simulator.baseUrl());
		assertThat(details.getApiKey()).isEqualTo(key);
		assertThat(context.getBean(CustomLlmClient.class).baseUrl()).isEqualTo(simulator.baseUrl());
		context.getBean(CompletionModel.class).complete("Hello");
		assertThat(simulator.chatRequests()).singleElement()
			.satisfies((request) -> assertThat(request.header("Authorization")).isEqualTo("Bearer " + key));
	}

	@Configuration(proxyBeanMethods = false)
	static class OllamaConfiguration {

		@Bean
		@ServiceConnection
		OllamaContainer ollama() {
			return KnownContainers.ollama(simulator.port());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WireMockConfiguration {

		@Bean
		@ServiceConnection
		WireMockContainer wireMock() {
			return new KnownWireMockContainer(simulator.port());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NamedWireMockConfiguration {

		@Bean
		@ServiceConnection(name = "wiremock/wiremock")
		WireMockContainer wireMock() {
			return new KnownWireMockContainer(simulator.port());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class GenericWireMockConfiguration {

		@Bean
		@ServiceConnection(name = "wiremock/wiremock")
		GenericContainer<?> wireMock() {
			return new KnownGenericContainer("wiremock/wiremock:3.13.2", simulator.port());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnrelatedContainerConfiguration {

		@Bean
		@ServiceConnection(name = "nginx")
		GenericContainer<?> nginx() {
			return new KnownGenericContainer("nginx:1.27", simulator.port());
		}

	}

}
