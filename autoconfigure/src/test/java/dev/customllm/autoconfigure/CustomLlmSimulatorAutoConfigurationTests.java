package dev.customllm.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.CustomLlmClient;
import dev.customllm.completion.CompletionModel;
import dev.customllm.test.LlmSimulator;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CustomLlmSimulatorAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class CustomLlmSimulatorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CustomLlmSimulatorAutoConfiguration.class, CustomLlmAutoConfiguration.class))
		.withPropertyValues("CUSTOM_API_KEY=");

	@Test
	void offlineModeConnectsTheClientToAnEmbeddedSimulatorWithoutBaseUrlOrKey(CapturedOutput output) {
		this.contextRunner.withPropertyValues("custom.llm.simulator.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(LlmSimulator.class);
			LlmSimulator simulator = context.getBean(LlmSimulator.class);
			CustomLlmConnectionDetails connectionDetails = context.getBean(CustomLlmConnectionDetails.class);
			assertThat(connectionDetails.getBaseUrl()).isEqualTo(simulator.baseUrl());
			assertThat(connectionDetails.getApiKey()).isNull();
			assertThat(context.getBean(CompletionModel.class).complete("Hello there")).isNotBlank();
			assertThat(output).containsOnlyOnce("Running on an embedded LLM simulator at " + simulator.baseUrl());
		});
	}

	@Test
	void theSimulatorStopsWithTheContext() {
		LlmSimulator[] simulator = new LlmSimulator[1];
		this.contextRunner.withPropertyValues("custom.llm.simulator.enabled=true")
			.run((context) -> simulator[0] = context.getBean(LlmSimulator.class));
		assertThat(simulator[0].wireMock().isRunning()).isFalse();
	}

	@Test
	void offlineModeWinsOverABaseUrlAndSaysSo(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("custom.llm.simulator.enabled=true", "custom.llm.base-url=http://127.0.0.1:9/v1")
			.run((context) -> {
				assertThat(context.getBean(CustomLlmClient.class).baseUrl())
					.isEqualTo(context.getBean(LlmSimulator.class).baseUrl());
				assertThat(output).contains("custom.llm.base-url (http://127.0.0.1:9/v1) is not used");
			});
	}

	@Test
	void namedClientsUseTheSimulatorUnlessTheySetTheirOwnBaseUrl() {
		this.contextRunner
			.withPropertyValues("custom.llm.simulator.enabled=true", "custom.llm.clients.chat.completion.model=m",
					"custom.llm.clients.remote.base-url=http://127.0.0.1:9/v1",
					"custom.llm.clients.remote.api-key=sk-remote")
			.run((context) -> {
				String simulator = context.getBean(LlmSimulator.class).baseUrl();
				assertThat(context.getBean("chatCustomLlmClient", CustomLlmClient.class).baseUrl())
					.isEqualTo(simulator);
				assertThat(context.getBean("remoteCustomLlmClient", CustomLlmClient.class).baseUrl())
					.isEqualTo("http://127.0.0.1:9/v1");
			});
	}

	@Test
	void offByDefaultSoAMissingBaseUrlStillFailsStartup() {
		this.contextRunner.withPropertyValues("custom.llm.api-key=sk-k").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("No base URL is configured");
		});
	}

	@Test
	void staysQuietWhenTheClientsAreDisabled() {
		this.contextRunner.withPropertyValues("custom.llm.simulator.enabled=true", "custom.llm.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LlmSimulator.class)
				.doesNotHaveBean(CustomLlmClient.class));
	}

	@Test
	void backsOffWithoutTheTestKit() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(LlmSimulator.class))
			.withPropertyValues("custom.llm.simulator.enabled=true", "custom.llm.base-url=http://127.0.0.1:9/v1",
					"custom.llm.api-key=sk-k")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LlmSimulator.class));
	}

}
