package dev.customllm.observation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.autoconfigure.CustomLlmAutoConfiguration;
import dev.customllm.completion.CompletionModel;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the auto-configured clients use the application's observation and meter
 * registries, its convention, and the configured provider names.
 */
@ExtendWith(LlmSimulatorExtension.class)
class ObservationAutoConfigurationTests {

	private static LlmSimulator simulator;

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, CustomLlmAutoConfiguration.class))
		.withBean(TestObservationRegistry.class, () -> this.observations)
		.withBean(MeterRegistry.class, () -> this.meters)
		.withPropertyValues("custom.llm.api-key=k");

	@BeforeAll
	static void start(LlmSimulator llm) {
		simulator = llm;
	}

	@Test
	void defaultClientIsObservedWithTheConfiguredProviderName() {
		this.contextRunner
			.withPropertyValues("custom.llm.base-url=" + simulator.baseUrl(), "custom.llm.provider-name=openai")
			.run((context) -> {
				context.getBean(CompletionModel.class).complete("Hello");
				TestObservationRegistryAssert.assertThat(this.observations)
					.hasSingleObservationThat()
					.hasLowCardinalityKeyValue("gen_ai.provider.name", "openai");
				assertThat(
						this.meters.get("gen_ai.client.token.usage").tag("gen_ai.provider.name", "openai").summaries())
					.hasSize(2);
			});
	}

	@Test
	void namedClientsAreTaggedWithTheirNameUnlessSet() {
		this.contextRunner
			.withPropertyValues("custom.llm.clients.fast.base-url=" + simulator.baseUrl(),
					"custom.llm.clients.strong.base-url=" + simulator.baseUrl(),
					"custom.llm.clients.strong.provider-name=vllm")
			.run((context) -> {
				context.getBean("fastCompletionModel", CompletionModel.class).complete("Hello");
				context.getBean("strongCompletionModel", CompletionModel.class).complete("Hello");
				assertThat(this.meters.get("gen_ai.client.requests.active").tag("gen_ai.provider.name", "fast").gauge())
					.isNotNull();
				assertThat(this.meters.get("gen_ai.client.requests.active").tag("gen_ai.provider.name", "vllm").gauge())
					.isNotNull();
			});
	}

	@Test
	void aConventionBeanReplacesTheDefault() {
		this.contextRunner.withPropertyValues("custom.llm.base-url=" + simulator.baseUrl())
			.withBean(LlmObservationConvention.class, () -> new DefaultLlmObservationConvention() {

				@Override
				public String getName() {
					return "company.llm.calls";
				}

			})
			.run((context) -> {
				context.getBean(CompletionModel.class).complete("Hello");
				TestObservationRegistryAssert.assertThat(this.observations)
					.hasSingleObservationThat()
					.hasNameEqualTo("company.llm.calls");
			});
	}

}
