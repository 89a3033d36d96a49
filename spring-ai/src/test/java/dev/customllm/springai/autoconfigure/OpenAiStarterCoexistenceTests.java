package dev.customllm.springai.autoconfigure;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.autoconfigure.CustomLlmAutoConfiguration;
import dev.customllm.springai.CustomLlmChatModel;
import dev.customllm.springai.CustomLlmEmbeddingModel;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration;
import org.springframework.ai.model.openai.autoconfigure.OpenAiChatAutoConfiguration;
import org.springframework.ai.model.openai.autoconfigure.OpenAiEmbeddingAutoConfiguration;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiEmbeddingModel;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link CustomLlmSpringAiAutoConfiguration} beside Spring AI's OpenAI starter.
 */
@ExtendWith(LlmSimulatorExtension.class)
class OpenAiStarterCoexistenceTests {

	private static LlmSimulator simulator;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CustomLlmSpringAiAutoConfiguration.class, CustomLlmAutoConfiguration.class,
						OpenAiChatAutoConfiguration.class, OpenAiEmbeddingAutoConfiguration.class,
						ToolCallingAutoConfiguration.class, ChatClientAutoConfiguration.class))
		.withPropertyValues("spring.ai.openai.api-key=sk-openai-test", "custom.llm.api-key=sk-test",
				"custom.llm.completion.model=simulator");

	@BeforeAll
	static void start(LlmSimulator llm) {
		simulator = llm;
	}

	@Test
	void openAiModelsAreTheDefaultWhenNoProviderIsChosen() {
		this.contextRunner.withPropertyValues("custom.llm.base-url=" + simulator.baseUrl()).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(ChatModel.class)
				.hasSingleBean(OpenAiChatModel.class)
				.hasSingleBean(EmbeddingModel.class)
				.hasSingleBean(OpenAiEmbeddingModel.class)
				.hasSingleBean(ChatClient.Builder.class);
			assertThat(context.getBean(ChatClient.Builder.class).build()).isNotNull();
		});
	}

	@Test
	void customLlmModelsAreChosenWithSpringAisModelProperties() {
		this.contextRunner
			.withPropertyValues("custom.llm.base-url=" + simulator.baseUrl(), "spring.ai.model.chat=custom-llm",
					"spring.ai.model.embedding=custom-llm")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(CustomLlmChatModel.class)
					.doesNotHaveBean(OpenAiChatModel.class)
					.hasSingleBean(CustomLlmEmbeddingModel.class)
					.doesNotHaveBean(OpenAiEmbeddingModel.class);
				simulator.chat().answers("Hi from the simulator.");
				assertThat(context.getBean(ChatClient.Builder.class).build().prompt("Hello").call().content())
					.isEqualTo("Hi from the simulator.");
			});
	}

	@Test
	void namedClientsModelsStandBesideTheOpenAiModels() {
		this.contextRunner.withPropertyValues("custom.llm.clients.local.base-url=" + simulator.baseUrl())
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(OpenAiChatModel.class);
				assertThat(context.getBean(ChatClient.Builder.class).build()).isNotNull();
				ChatModel local = BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getBeanFactory(),
						ChatModel.class, "local");
				assertThat(local).isInstanceOf(CustomLlmChatModel.class);
				simulator.chat().answers("Hi from the simulator.");
				assertThat(ChatClient.create(local).prompt("Hello").call().content())
					.isEqualTo("Hi from the simulator.");
			});
	}

	@Test
	void everyAutoConfigurationOnTheClasspathStartsTogether() {
		new ApplicationContextRunner().withUserConfiguration(EverythingConfiguration.class)
			.withPropertyValues("spring.ai.openai.api-key=sk-openai-test", "custom.llm.api-key=sk-test",
					"custom.llm.base-url=" + simulator.baseUrl(),
					"custom.llm.clients.local.base-url=" + simulator.baseUrl())
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(OpenAiChatModel.class)
					.hasSingleBean(ChatClient.Builder.class)
					.hasBean("localSpringAiChatModel");
				assertThat(context.getBeanProvider(ChatModel.class).getObject()).isInstanceOf(OpenAiChatModel.class);
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class EverythingConfiguration {

	}

}
