package dev.customllm.autoconfigure;

import java.util.List;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmApiException;
import dev.customllm.completion.CompletionModel;
import dev.customllm.embedding.EmbeddingModel;
import dev.customllm.rerank.RankedDocument;
import dev.customllm.rerank.RerankModel;
import dev.customllm.internal.json.LlmJson;
import dev.customllm.test.LlmSimulator;

import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for named clients ({@code custom.llm.clients.<name>.*}).
 */
class NamedClientsTests {

	private static LlmSimulator chatService;

	private static LlmSimulator embeddingService;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, CustomLlmAutoConfiguration.class));

	@BeforeAll
	static void start() {
		chatService = LlmSimulator.start();
		embeddingService = LlmSimulator.start();
	}

	@AfterAll
	static void stop() {
		chatService.close();
		embeddingService.close();
	}

	@BeforeEach
	void reset() {
		chatService.reset();
		embeddingService.reset();
	}

	private ApplicationContextRunner twoClients() {
		return this.contextRunner.withPropertyValues("custom.llm.api-key=sk-shared",
				"custom.llm.completion.temperature=0.3", "custom.llm.headers.X-App=demo",
				"custom.llm.clients.chat.base-url=" + chatService.baseUrl(),
				"custom.llm.clients.chat.completion.model=big-model",
				"custom.llm.clients.embed.base-url=" + embeddingService.baseUrl(),
				"custom.llm.clients.embed.api-key=sk-embed", "custom.llm.clients.embed.embedding.model=bge-m3",
				"custom.llm.clients.embed.embedding.encoding-format=float");
	}

	@Test
	void namedClientsInheritUnsetValuesAndOverrideTheirOwn() {
		twoClients().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasBean("chatCustomLlmClient")
				.hasBean("chatCompletionModel")
				.hasBean("chatEmbeddingModel")
				.hasBean("embedCustomLlmClient");
			context.getBean("chatCompletionModel", CompletionModel.class).complete("Hello");
			JsonNode chat = lastBody(chatService);
			assertThat(chat.get("model").asString()).isEqualTo("big-model");
			assertThat(chat.get("temperature").asDouble()).isEqualTo(0.3);
			assertThat(lastHeader(chatService, "Authorization")).isEqualTo("Bearer sk-shared");
			assertThat(lastHeader(chatService, "X-App")).isEqualTo("demo");
			context.getBean("embedEmbeddingModel", EmbeddingModel.class).embed("text");
			JsonNode embedding = lastBody(embeddingService);
			assertThat(embedding.get("model").asString()).isEqualTo("bge-m3");
			assertThat(embedding.get("encoding_format").asString()).isEqualTo("float");
			assertThat(lastHeader(embeddingService, "Authorization")).isEqualTo("Bearer sk-embed");
		});
	}

	@Test
	void modelsAreInjectedByQualifier() {
		twoClients().withUserConfiguration(QualifiedUser.class).run((context) -> {
			QualifiedUser.Service service = context.getBean(QualifiedUser.Service.class);
			assertThat(service.chat()).isSameAs(context.getBean("chatCompletionModel"));
			assertThat(service.embed()).isSameAs(context.getBean("embedEmbeddingModel"));
			assertThat(service.chat().complete("Hi")).isNotBlank();
			assertThat(chatService.wireMock().findAll(anyRequestedFor(anyUrl()))).hasSize(1);
		});
	}

	@Test
	void withOnlyNamedClientsThereIsNoDefaultAndUnqualifiedInjectionNamesTheChoices() {
		twoClients().run((context) -> {
			assertThat(context).doesNotHaveBean("customLlmClient").doesNotHaveBean("completionModel");
			assertThat(context).doesNotHaveBean(PropertiesCustomLlmConnectionDetails.class);
		});
		this.contextRunner
			.withPropertyValues("custom.llm.clients.chat.base-url=" + chatService.baseUrl(),
					"custom.llm.clients.chat.api-key-required=false",
					"custom.llm.clients.embed.base-url=" + embeddingService.baseUrl(),
					"custom.llm.clients.embed.api-key-required=false")
			.withUserConfiguration(UnqualifiedUser.class)
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(NoUniqueBeanDefinitionException.class)
				.hasMessageContaining("chatCompletionModel")
				.hasMessageContaining("embedCompletionModel"));
	}

	@Test
	void theConfiguredDefaultClientIsPrimaryBesideNamedOnes() {
		twoClients().withPropertyValues("custom.llm.base-url=" + embeddingService.baseUrl())
			.withUserConfiguration(UnqualifiedUser.class, QualifiedUser.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(UnqualifiedUser.Service.class).model())
					.isSameAs(context.getBean("completionModel"));
				assertThat(context.getBean(QualifiedUser.Service.class).chat())
					.isSameAs(context.getBean("chatCompletionModel"));
				assertThat(context.getBean(CustomLlmClient.class)).isSameAs(context.getBean("customLlmClient"));
			});
	}

	@Test
	void aNamedClientWithARerankModelHasAQualifiedRerankModel() {
		twoClients().withPropertyValues("custom.llm.clients.chat.rerank.model=bge-reranker")
			.withUserConfiguration(QualifiedReranker.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasBean("chatRerankModel").doesNotHaveBean("embedRerankModel");
				RerankModel reranker = context.getBean(QualifiedReranker.Service.class).reranker();
				assertThat(reranker).isSameAs(context.getBean("chatRerankModel"));
				List<RankedDocument> ranked = reranker.rerank("black hole", List.of("piano lessons", "a black hole"),
						1);
				assertThat(ranked).singleElement().satisfies((document) -> assertThat(document.index()).isEqualTo(1));
				assertThat(chatService.rerankRequests()).singleElement()
					.satisfies((request) -> assertThat(request.model()).isEqualTo("bge-reranker"));
				assertThat(embeddingService.rerankRequests()).isEmpty();
			});
	}

	@Test
	void aNamedClientInheritsTheDefaultRerankModel() {
		twoClients().withPropertyValues("custom.llm.rerank.model=shared-reranker").run((context) -> {
			assertThat(context).hasBean("chatRerankModel").hasBean("embedRerankModel");
			context.getBean("embedRerankModel", RerankModel.class).rerank("q", List.of("a", "b"), 1);
			assertThat(embeddingService.rerankRequests()).singleElement()
				.satisfies((request) -> assertThat(request.model()).isEqualTo("shared-reranker"));
		});
	}

	@Test
	void anApplicationsOwnModelBeanOfTheSameNameWins() {
		twoClients().withPropertyValues("custom.llm.clients.chat.rerank.model=bge-reranker")
			.withUserConfiguration(OwnReranker.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("chatRerankModel")).isSameAs(OwnReranker.RERANKER);
				assertThat(context.getBean(QualifiedUser.Service.class).chat())
					.isSameAs(context.getBean("chatCompletionModel"));
			});
	}

	@Test
	void missingKeyOfOneNamedClientIsReportedWithItsPropertyPath() {
		this.contextRunner
			.withPropertyValues("custom.llm.clients.local.base-url=" + chatService.baseUrl(),
					"custom.llm.clients.local.api-key-required=false",
					"custom.llm.clients.hosted.base-url=https://api.openai.com/v1")
			.run((context) -> {
				assertThat(context.getStartupFailure()).rootCause().isInstanceOf(CustomLlmConfigurationException.class);
				CustomLlmConfigurationException failure = (CustomLlmConfigurationException) rootCause(
						context.getStartupFailure());
				assertThat(failure.getMessage()).contains("https://api.openai.com/v1", "client 'hosted'");
				assertThat(failure.getAction()).contains("'custom.llm.clients.hosted.api-key'");
			});
	}

	@Test
	void eachClientHasItsOwnPoolAndRetryBudget() {
		chatService.wireMock().stubFor(post(anyUrl()).willReturn(aResponse().withStatus(503)));
		embeddingService.wireMock()
			.stubFor(post(anyUrl()).inScenario("once")
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(aResponse().withStatus(503))
				.willSetStateTo("ok"));
		embeddingService.wireMock()
			.stubFor(post(anyUrl()).inScenario("once")
				.whenScenarioStateIs("ok")
				.willReturn(okJson("{\"choices\":[{\"index\":0,\"message\":{\"content\":\"fine\"}}]}")));
		twoClients()
			.withPropertyValues("custom.llm.retry.delay=10ms", "custom.llm.retry.max-delay=20ms",
					"custom.llm.retry.budget.capacity=10")
			.run((context) -> {
				CustomLlmClient failing = context.getBean("chatCustomLlmClient", CustomLlmClient.class);
				CustomLlmClient healthy = context.getBean("embedCustomLlmClient", CustomLlmClient.class);
				assertThat(failing.connectionPool()).isNotSameAs(healthy.connectionPool());
				for (int i = 0; i < 5; i++) {
					assertThatExceptionOfType(LlmApiException.class)
						.isThrownBy(() -> failing.completionModel().complete("Hi"));
				}
				// the failing client spent its budget (10 tokens = 2 retries); the other
				// still retries
				assertThat(chatService.wireMock().findAll(anyRequestedFor(anyUrl()))).hasSize(5 + 2);
				assertThat(healthy.completionModel("m").complete("Hi")).isEqualTo("fine");
				assertThat(embeddingService.wireMock().findAll(anyRequestedFor(anyUrl()))).hasSize(2);
			});
	}

	@Test
	void namedClientsWithoutABaseUrlInheritTheApplicationsConnectionDetails() {
		this.contextRunner.withUserConfiguration(SharedConnectionDetails.class)
			.withPropertyValues("custom.llm.clients.chat.completion.model=inherits-details",
					"custom.llm.clients.blank.base-url=",
					"custom.llm.clients.own.base-url=" + embeddingService.baseUrl(),
					"custom.llm.clients.own.api-key=sk-own")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("chatCustomLlmClient", CustomLlmClient.class).baseUrl())
					.isEqualTo(chatService.baseUrl());
				assertThat(context.getBean("blankCustomLlmClient", CustomLlmClient.class).baseUrl())
					.isEqualTo(chatService.baseUrl());
				assertThat(context.getBean("ownCustomLlmClient", CustomLlmClient.class).baseUrl())
					.isEqualTo(embeddingService.baseUrl());
				context.getBean("chatCompletionModel", CompletionModel.class).complete("Hi");
				assertThat(lastHeader(chatService, "Authorization")).isEqualTo("Bearer sk-details");
				assertThat(context).hasBean("customLlmClient");
			});
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static JsonNode lastBody(LlmSimulator simulator) {
		var requests = simulator.wireMock().findAll(anyRequestedFor(anyUrl()));
		return LlmJson.mapper().readTree(requests.get(requests.size() - 1).getBody());
	}

	private static String lastHeader(LlmSimulator simulator, String name) {
		var requests = simulator.wireMock().findAll(anyRequestedFor(anyUrl()));
		return requests.get(requests.size() - 1).getHeader(name);
	}

	@Configuration(proxyBeanMethods = false)
	static class SharedConnectionDetails {

		@Bean
		CustomLlmConnectionDetails sharedDetails() {
			return new CustomLlmConnectionDetails() {

				@Override
				public String getBaseUrl() {
					return chatService.baseUrl();
				}

				@Override
				public String getApiKey() {
					return "sk-details";
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class QualifiedUser {

		@Bean
		Service qualifiedService(@Qualifier("chat") CompletionModel chat, @Qualifier("embed") EmbeddingModel embed) {
			return new Service(chat, embed);
		}

		record Service(CompletionModel chat, EmbeddingModel embed) {

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class QualifiedReranker {

		@Bean
		Service rerankingService(@Qualifier("chat") RerankModel reranker) {
			return new Service(reranker);
		}

		record Service(RerankModel reranker) {

		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(QualifiedUser.class)
	static class OwnReranker {

		static final RerankModel RERANKER = (query, documents, topN) -> Mono.just(List.of());

		@Bean
		RerankModel chatRerankModel() {
			return RERANKER;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnqualifiedUser {

		@Bean
		Service unqualifiedService(CompletionModel model) {
			return new Service(model);
		}

		record Service(CompletionModel model) {

		}

	}

}
