package dev.customllm.springai.autoconfigure;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.autoconfigure.CustomLlmAutoConfiguration;
import dev.customllm.springai.CustomLlmChatModel;
import dev.customllm.springai.CustomLlmEmbeddingModel;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

/**
 * Tests for {@link CustomLlmSpringAiAutoConfiguration}.
 */
@ExtendWith(LlmSimulatorExtension.class)
class CustomLlmSpringAiAutoConfigurationTests {

	private static LlmSimulator simulator;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CustomLlmAutoConfiguration.class, CustomLlmSpringAiAutoConfiguration.class))
		.withPropertyValues("custom.llm.api-key=sk-test", "custom.llm.completion.model=simulator");

	@BeforeAll
	static void start(LlmSimulator llm) {
		simulator = llm;
	}

	@Test
	void definesSpringAiModelsOnTheClientsModels() {
		this.contextRunner.withPropertyValues("custom.llm.base-url=" + simulator.baseUrl()).run((context) -> {
			assertThat(context).hasSingleBean(ChatModel.class)
				.hasSingleBean(CustomLlmChatModel.class)
				.hasSingleBean(EmbeddingModel.class)
				.hasSingleBean(CustomLlmEmbeddingModel.class);
			simulator.chat().answers("Hi there.");
			assertThat(context.getBean(ChatModel.class).call("Hello")).isEqualTo("Hi there.");
		});
	}

	@Test
	void backsOffWhenTheApplicationDefinesASpringAiChatModel() {
		this.contextRunner.withUserConfiguration(UserChatModelConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ChatModel.class).doesNotHaveBean(CustomLlmChatModel.class);
			assertThat(context).hasSingleBean(CustomLlmEmbeddingModel.class);
		});
	}

	@Test
	void backsOffWhenTheApplicationDefinesASpringAiEmbeddingModel() {
		this.contextRunner.withUserConfiguration(UserEmbeddingModelConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(EmbeddingModel.class).doesNotHaveBean(CustomLlmEmbeddingModel.class);
			assertThat(context).hasSingleBean(CustomLlmChatModel.class);
		});
	}

	@Test
	void definesNothingWhenSwitchedOff() {
		this.contextRunner.withPropertyValues("custom.llm.spring-ai.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ChatModel.class)
				.doesNotHaveBean(EmbeddingModel.class));
	}

	@Test
	void definesNothingWithoutTheClientsModels() {
		this.contextRunner.withPropertyValues("custom.llm.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ChatModel.class)
				.doesNotHaveBean(EmbeddingModel.class));
	}

	@Test
	void definesNothingWithoutSpringAi() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ChatModel.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CustomLlmChatModel.class)
				.doesNotHaveBean(CustomLlmEmbeddingModel.class));
	}

	@Test
	void usesTheToolCallingManagerBean() {
		this.contextRunner.withPropertyValues("custom.llm.base-url=" + simulator.baseUrl())
			.withUserConfiguration(ToolCallingManagerConfiguration.class)
			.run((context) -> {
				simulator.chat().answers("Hi there.");
				context.getBean(ChatModel.class).call("Hello");
				verify(context.getBean(ToolCallingManager.class)).resolveToolDefinitions(any());
			});
	}

	@Test
	void configuredEmbeddingDimensionsNeedNoCall() {
		this.contextRunner
			.withPropertyValues("custom.llm.base-url=" + simulator.baseUrl(), "custom.llm.embedding.dimensions=256")
			.run((context) -> {
				assertThat(context.getBean(EmbeddingModel.class).dimensions()).isEqualTo(256);
				assertThat(simulator.requests()).isEmpty();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserChatModelConfiguration {

		@Bean
		ChatModel userChatModel() {
			return mock(ChatModel.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserEmbeddingModelConfiguration {

		@Bean
		EmbeddingModel userEmbeddingModel() {
			return mock(EmbeddingModel.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ToolCallingManagerConfiguration {

		@Bean
		ToolCallingManager toolCallingManager() {
			return spy(ToolCallingManager.builder().build());
		}

	}

}
