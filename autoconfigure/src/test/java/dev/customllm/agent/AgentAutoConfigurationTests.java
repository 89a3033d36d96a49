package dev.customllm.agent;

import org.junit.jupiter.api.Test;

import dev.customllm.autoconfigure.CustomLlmAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@link AgentBuilderFactory} bean of {@link CustomLlmAutoConfiguration}.
 *
 * @author Custom LLM team
 */
class AgentAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CustomLlmAutoConfiguration.class))
		.withPropertyValues("custom.llm.base-url=http://localhost:1/v1", "custom.llm.api-key=sk-test");

	@Test
	void definesAnAgentBuilderFactoryOnTheDefaultCompletionModel() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(AgentBuilderFactory.class);
			assertThat(context.getBean(AgentBuilderFactory.class).agent().build()).isNotNull();
		});
	}

	@Test
	void backsOffWhenTheUserDefinesAFactory() {
		this.contextRunner.withUserConfiguration(UserFactoryConfiguration.class)
			.run((context) -> assertThat(context).getBean(AgentBuilderFactory.class)
				.isSameAs(context.getBean(UserFactoryConfiguration.class).factory));
	}

	@Test
	void definesNoFactoryWhenDisabled() {
		this.contextRunner.withPropertyValues("custom.llm.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AgentBuilderFactory.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserFactoryConfiguration {

		final AgentBuilderFactory factory = new AgentBuilderFactory((request) -> reactor.core.publisher.Mono.empty());

		@Bean
		AgentBuilderFactory userFactory() {
			return this.factory;
		}

	}

}
