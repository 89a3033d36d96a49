package dev.customllm.springai.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.autoconfigure.CustomLlmAutoConfiguration;
import dev.customllm.autoconfigure.CustomLlmConfigurationException;
import dev.customllm.springai.CustomLlmChatModel;
import dev.customllm.springai.CustomLlmEmbeddingModel;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.beans.factory.annotation.Qualifier;
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
	void embeddingModelWithoutDimensionsLearnsThemAtStartUp() {
		this.contextRunner.withPropertyValues("custom.llm.base-url=" + simulator.baseUrl()).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(simulator.embeddingRequests()).hasSize(1);
			assertThat(context.getBean(EmbeddingModel.class).dimensions()).isEqualTo(256);
			assertThat(simulator.embeddingRequests()).hasSize(1);
		});
	}

	@Test
	void serviceDownAndNoDimensionsFailsStartUpNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("custom.llm.base-url=http://127.0.0.1:9/v1", "custom.llm.retry.max-retries=0")
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				while (failure != null && !(failure instanceof CustomLlmConfigurationException)) {
					failure = failure.getCause();
				}
				assertThat(failure).isInstanceOf(CustomLlmConfigurationException.class);
				assertThat(((CustomLlmConfigurationException) failure).getAction())
					.contains("custom.llm.embedding.dimensions");
			});
	}

	@Test
	void configuredDimensionsStartWithoutAskingTheService() {
		this.contextRunner
			.withPropertyValues("custom.llm.base-url=http://127.0.0.1:9/v1", "custom.llm.embedding.dimensions=768")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(EmbeddingModel.class).dimensions()).isEqualTo(768);
			});
	}

	@Test
	void backsOffWhenTheApplicationDefinesASpringAiChatModel() {
		this.contextRunner
			.withPropertyValues("custom.llm.base-url=http://127.0.0.1:9/v1", "custom.llm.embedding.dimensions=256")
			.withUserConfiguration(UserChatModelConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(ChatModel.class).doesNotHaveBean(CustomLlmChatModel.class);
				assertThat(context).hasSingleBean(CustomLlmEmbeddingModel.class);
			});
	}

	@Test
	void backsOffWhenTheApplicationDefinesASpringAiEmbeddingModel() {
		this.contextRunner.withPropertyValues("custom.llm.base-url=http://127.0.0.1:9/v1")
			.withUserConfiguration(UserEmbeddingModelConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(EmbeddingModel.class).doesNotHaveBean(CustomLlmEmbeddingModel.class);
				assertThat(context).hasSingleBean(CustomLlmChatModel.class);
			});
	}

	@Test
	void definesNothingWhenSwitchedOff() {
		this.contextRunner
			.withPropertyValues("custom.llm.spring-ai.enabled=false", "custom.llm.base-url=http://127.0.0.1:9/v1")
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
		this.contextRunner.withPropertyValues("custom.llm.base-url=http://127.0.0.1:9/v1")
			.withClassLoader(new FilteredClassLoader(ChatModel.class))
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

	@Test
	void definesNothingWhenSpringAiIsToldToUseAnotherProvider() {
		this.contextRunner
			.withPropertyValues("custom.llm.base-url=" + simulator.baseUrl(), "spring.ai.model.chat=ollama",
					"spring.ai.model.embedding=ollama")
			.run((context) -> assertThat(context).doesNotHaveBean(ChatModel.class)
				.doesNotHaveBean(EmbeddingModel.class));
	}

	@Test
	void definesTheModelsWhenSpringAiIsToldToUseThem() {
		this.contextRunner
			.withPropertyValues("custom.llm.base-url=" + simulator.baseUrl(), "spring.ai.model.chat=custom-llm",
					"spring.ai.model.embedding=custom-llm")
			.run((context) -> assertThat(context).hasSingleBean(CustomLlmChatModel.class)
				.hasSingleBean(CustomLlmEmbeddingModel.class));
	}

	@Test
	void definesQualifiedSpringAiModelsForEachNamedClientBesidesTheDefaultOnes() {
		this.contextRunner.withPropertyValues(namedClients("custom.llm.base-url=" + simulator.baseUrl()))
			.withBean(InjectionPoints.class)
			.run((context) -> {
				assertThat(context).hasBean("fastSpringAiChatModel")
					.hasBean("fastSpringAiEmbeddingModel")
					.hasBean("strongSpringAiChatModel")
					.hasBean("strongSpringAiEmbeddingModel");
				InjectionPoints models = context.getBean(InjectionPoints.class);
				assertThat(models.chatModel).isSameAs(context.getBean("customLlmChatModel"));
				assertThat(models.embeddingModel).isSameAs(context.getBean("customLlmEmbeddingModel"));
				assertThat(models.fastChatModel).isSameAs(context.getBean("fastSpringAiChatModel"));
				assertThat(models.fastEmbeddingModel).isSameAs(context.getBean("fastSpringAiEmbeddingModel"));
				assertThat(models.strongChatModel).isSameAs(context.getBean("strongSpringAiChatModel"));
				simulator.chat().answers("Hi there.");
				models.chatModel.call("Hello");
				models.fastChatModel.call("Hello");
				models.strongChatModel.call("Hello");
				assertThat(simulator.chatRequests()).extracting((request) -> request.json().path("model").asString())
					.containsExactly("simulator", "fast-model", "strong-model");
			});
	}

	@Test
	void definesAQualifiedSpringAiChatModelForEachRoute() {
		this.contextRunner
			.withPropertyValues(namedClients("custom.llm.base-url=" + simulator.baseUrl(),
					"custom.llm.routes.both.deployments[0].client=fast",
					"custom.llm.routes.both.deployments[1].client=strong"))
			.run((context) -> {
				assertThat(context).hasBean("bothSpringAiChatModel");
				simulator.chat().answers("Routed.");
				ChatModel routed = context.getBean("bothSpringAiChatModel", ChatModel.class);
				assertThat(routed.call("Hello")).isEqualTo("Routed.");
				assertThat(simulator.chatRequests()).extracting((request) -> request.json().path("model").asString())
					.containsExactly("fast-model");
			});
	}

	@Test
	void chatClientBuilderGetsTheDefaultModelBesidesNamedClients() {
		this.contextRunner.withPropertyValues(namedClients("custom.llm.base-url=" + simulator.baseUrl()))
			.withConfiguration(
					AutoConfigurations.of(ToolCallingAutoConfiguration.class, ChatClientAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				simulator.chat().answers("Hi there.");
				String answer = context.getBean(ChatClient.Builder.class).build().prompt("Hello").call().content();
				assertThat(answer).isEqualTo("Hi there.");
				assertThat(simulator.chatRequests().get(0).json().path("model").asString()).isEqualTo("simulator");
			});
	}

	@Test
	void definesOnlyQualifiedModelsWhenOnlyNamedClientsAreConfigured() {
		this.contextRunner.withPropertyValues(namedClients()).run((context) -> {
			assertThat(context).doesNotHaveBean("customLlmChatModel")
				.doesNotHaveBean("customLlmEmbeddingModel")
				.hasBean("fastSpringAiChatModel")
				.hasBean("strongSpringAiChatModel");
			assertThat(context.getBeanProvider(ChatModel.class).getIfUnique()).isNull();
			ChatModel fast = BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getBeanFactory(), ChatModel.class,
					"fast");
			simulator.chat().answers("Hi there.");
			assertThat(fast.call("Hello")).isEqualTo("Hi there.");
		});
	}

	@Test
	void namedClientsEmbeddingDimensionsNeedNoCall() {
		this.contextRunner
			.withPropertyValues(namedClients("custom.llm.base-url=" + simulator.baseUrl(),
					"custom.llm.embedding.dimensions=256", "custom.llm.clients.fast.embedding.dimensions=64"))
			.run((context) -> {
				assertThat(context.getBean("fastSpringAiEmbeddingModel", EmbeddingModel.class).dimensions())
					.isEqualTo(64);
				assertThat(context.getBean("strongSpringAiEmbeddingModel", EmbeddingModel.class).dimensions())
					.isEqualTo(256);
				assertThat(simulator.requests()).isEmpty();
			});
	}

	@Test
	void keepsTheApplicationsModelsQualifiedForANamedClient() {
		this.contextRunner.withPropertyValues(namedClients("custom.llm.base-url=" + simulator.baseUrl()))
			.withUserConfiguration(FastChatModelConfiguration.class)
			.withBean(InjectionPoints.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean("fastSpringAiChatModel")
					.hasBean("fastSpringAiEmbeddingModel")
					.hasBean("strongSpringAiChatModel");
				assertThat(context.getBean(InjectionPoints.class).fastChatModel)
					.isSameAs(context.getBean("userFastChatModel"));
			});
	}

	@Test
	void definesNoNamedModelsWhenSwitchedOff() {
		this.contextRunner.withPropertyValues(namedClients("custom.llm.spring-ai.enabled=false"))
			.run((context) -> assertThat(context).doesNotHaveBean(ChatModel.class)
				.doesNotHaveBean(EmbeddingModel.class));
	}

	@Test
	void definesNoNamedModelsWithoutTheClients() {
		this.contextRunner.withPropertyValues(namedClients("custom.llm.enabled=false"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ChatModel.class)
				.doesNotHaveBean(EmbeddingModel.class));
	}

	private static String[] namedClients(String... more) {
		List<String> properties = new ArrayList<>(List.of("custom.llm.clients.fast.base-url=" + simulator.baseUrl(),
				"custom.llm.clients.fast.completion.model=fast-model",
				"custom.llm.clients.strong.base-url=" + simulator.baseUrl(),
				"custom.llm.clients.strong.completion.model=strong-model"));
		properties.addAll(List.of(more));
		return properties.toArray(String[]::new);
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

	@Configuration(proxyBeanMethods = false)
	static class FastChatModelConfiguration {

		@Bean
		@Qualifier("fast")
		ChatModel userFastChatModel() {
			return mock(ChatModel.class);
		}

	}

	static class InjectionPoints {

		final ChatModel chatModel;

		final EmbeddingModel embeddingModel;

		final ChatModel fastChatModel;

		final EmbeddingModel fastEmbeddingModel;

		final ChatModel strongChatModel;

		InjectionPoints(ChatModel chatModel, EmbeddingModel embeddingModel, @Qualifier("fast") ChatModel fastChatModel,
				@Qualifier("fast") EmbeddingModel fastEmbeddingModel, @Qualifier("strong") ChatModel strongChatModel) {
			this.chatModel = chatModel;
			this.embeddingModel = embeddingModel;
			this.fastChatModel = fastChatModel;
			this.fastEmbeddingModel = fastEmbeddingModel;
			this.strongChatModel = strongChatModel;
		}

	}

}
