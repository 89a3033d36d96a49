package dev.customllm.sample.offline;

import dev.customllm.autoconfigure.CustomLlmAutoConfiguration;
import dev.customllm.autoconfigure.CustomLlmConfigurationException;
import dev.customllm.autoconfigure.CustomLlmConnectionDetails;
import dev.customllm.completion.CompletionModel;
import dev.customllm.test.LlmSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OfflineModeConfiguration}.
 *
 * @author Custom LLM team
 */
class OfflineModeConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CustomLlmAutoConfiguration.class))
		.withUserConfiguration(OfflineModeConfiguration.class)
		.withPropertyValues("CUSTOM_API_KEY=");

	@Test
	void connectsToEmbeddedSimulatorWithoutKeyWhenNoBaseUrlIsSet() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(LlmSimulator.class).hasSingleBean(CompletionModel.class);
			CustomLlmConnectionDetails connectionDetails = context.getBean(CustomLlmConnectionDetails.class);
			assertThat(connectionDetails.getBaseUrl()).isEqualTo(context.getBean(LlmSimulator.class).baseUrl());
			assertThat(connectionDetails.getApiKey()).isNull();
			assertThat(context.getBean(CompletionModel.class).complete("Hello there")).isNotBlank();
		});
	}

	@Test
	void treatsBlankBaseUrlAsUnset() {
		this.contextRunner.withPropertyValues("custom.llm.base-url=")
			.run((context) -> assertThat(context).hasSingleBean(LlmSimulator.class));
	}

	@Test
	void backsOffWhenBaseUrlIsSet() {
		this.contextRunner.withPropertyValues("custom.llm.base-url=http://127.0.0.1:9/v1", "custom.llm.api-key=key")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(LlmSimulator.class);
				assertThat(context.getBean(CustomLlmConnectionDetails.class).getBaseUrl())
					.isEqualTo("http://127.0.0.1:9/v1");
			});
	}

	@Test
	void stillRequiresKeyWhenBaseUrlIsSet() {
		this.contextRunner.withPropertyValues("custom.llm.base-url=http://127.0.0.1:9/v1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(CustomLlmConfigurationException.class)
				.hasMessageContaining("No API key"));
	}

	@Test
	void simulatorNeedsNoKeyWhateverTheKeyRequirement() {
		this.contextRunner.withPropertyValues("custom.llm.api-key-required=true")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(CompletionModel.class));
	}

}
