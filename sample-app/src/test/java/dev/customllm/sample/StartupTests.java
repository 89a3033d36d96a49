package dev.customllm.sample;

import dev.customllm.autoconfigure.CustomLlmConfigurationException;
import dev.customllm.test.LlmSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for how the sample application starts, with and without a configured service.
 *
 * @author Custom LLM team
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupTests {

	@Test
	void offlineModeLogsSimulatorUrlOnceAndStopsSimulatorOnClose(CapturedOutput output) {
		LlmSimulator simulator;
		try (ConfigurableApplicationContext context = run("--server.port=0")) {
			simulator = context.getBean(LlmSimulator.class);
			assertThat(output).containsOnlyOnce(
					"Running on an embedded LLM simulator at " + simulator.baseUrl() + ", not a real model");
			assertThat(simulator.wireMock().isRunning()).isTrue();
		}
		assertThat(simulator.wireMock().isRunning()).isFalse();
	}

	@Test
	@DisabledIfEnvironmentVariable(named = "CUSTOM_API_KEY", matches = ".*")
	@DisabledIfEnvironmentVariable(named = "CUSTOM_LLM_API_KEY", matches = ".*")
	void baseUrlWithoutApiKeyFailsStartup(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> run("--server.port=0", "--custom.llm.simulator.enabled=false",
					"--custom.llm.base-url=http://127.0.0.1:9/v1"))
			.havingRootCause()
			.isInstanceOf(CustomLlmConfigurationException.class)
			.withMessageContaining("No API key");
		assertThat(output).doesNotContain("embedded LLM simulator");
	}

	private static ConfigurableApplicationContext run(String... args) {
		return new SpringApplication(SampleApplication.class).run(args);
	}

}
