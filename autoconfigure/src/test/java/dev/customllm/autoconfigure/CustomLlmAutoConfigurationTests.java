package dev.customllm.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmApiException;
import dev.customllm.LlmResponseException;
import dev.customllm.completion.CompletionModel;
import dev.customllm.embedding.EmbeddingModel;
import dev.customllm.internal.json.LlmJson;
import dev.customllm.test.LlmFault;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;
import dev.customllm.test.ToolCallStub;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link CustomLlmAutoConfiguration}.
 */
@ExtendWith(LlmSimulatorExtension.class)
class CustomLlmAutoConfigurationTests {

	private static LlmSimulator simulator;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, CustomLlmAutoConfiguration.class))
		.withPropertyValues("custom.llm.base-url=http://vllm.internal:8000/v1");

	@BeforeAll
	static void start(LlmSimulator llm) {
		simulator = llm;
	}

	@Test
	void definesClientAndModelsWhenAKeyIsConfigured() {
		this.contextRunner
			.withPropertyValues("custom.llm.api-key=sk-prop-key", "custom.llm.base-url=http://vllm.internal:8000/v1")
			.run((context) -> {
				assertThat(context).hasSingleBean(CustomLlmClient.class)
					.hasSingleBean(CompletionModel.class)
					.hasSingleBean(EmbeddingModel.class)
					.hasSingleBean(PropertiesCustomLlmConnectionDetails.class);
				assertThat(context.getBean(CustomLlmClient.class).baseUrl()).isEqualTo("http://vllm.internal:8000/v1");
			});
	}

	@Test
	void failsWithTheFailureAnalyzersMessageWhenNoBaseUrlIsConfigured() {
		this.contextRunner.withPropertyValues("custom.llm.base-url=", "custom.llm.api-key=sk-prop-key")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new CustomLlmConfigurationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).startsWith("No base URL is configured for the LLM service.")
					.doesNotContain("sk-prop-key");
				assertThat(analysis.getAction()).contains("'custom.llm.base-url'", "CUSTOM_BASE_URL",
						"custom.llm.simulator.enabled=true");
			});
	}

	@Test
	void fallsBackToTheCustomBaseUrlEnvironmentVariable() {
		this.contextRunner
			.withPropertyValues("custom.llm.base-url=", "CUSTOM_BASE_URL=" + simulator.baseUrl(),
					"custom.llm.api-key=sk-k")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(CustomLlmClient.class).baseUrl()).isEqualTo(simulator.baseUrl());
				assertThat(context.getBean(CompletionModel.class).complete("Hello")).isNotBlank();
			});
	}

	@Test
	void disabledWithoutABaseUrlStartsQuietly() {
		this.contextRunner
			.withPropertyValues("custom.llm.base-url=", "custom.llm.enabled=false", "custom.llm.api-key=sk-prop-key")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CustomLlmClient.class));
	}

	@Test
	void failsWithAClearMessageWhenTheKeyIsMissing() {
		this.contextRunner.withPropertyValues("custom.llm.base-url=http://vllm.internal:8000/v1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(CustomLlmConfigurationException.class)
				.hasMessageContaining("No API key is configured for the LLM service at http://vllm.internal:8000/v1");
			CustomLlmConfigurationException cause = (CustomLlmConfigurationException) rootCause(
					context.getStartupFailure());
			assertThat(cause.getAction()).contains("custom.llm.api-key", "CUSTOM_API_KEY",
					"custom.llm.api-key-required=false");
		});
	}

	@Test
	void fallsBackToTheCustomApiKeyEnvironmentVariable() {
		this.contextRunner.withPropertyValues("CUSTOM_API_KEY=sk-env-key", "custom.llm.base-url=" + simulator.baseUrl())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(CustomLlmConnectionDetails.class).getApiKey()).isEqualTo("sk-env-key");
				context.getBean(CompletionModel.class).complete("Hello");
				assertThat(lastRequestHeader("Authorization")).isEqualTo("Bearer sk-env-key");
			});
	}

	@Test
	void propertyKeyWinsOverTheEnvironmentVariable() {
		this.contextRunner
			.withPropertyValues("CUSTOM_API_KEY=sk-env-key", "custom.llm.api-key=sk-prop-key",
					"custom.llm.base-url=" + simulator.baseUrl())
			.run((context) -> assertThat(context.getBean(CustomLlmConnectionDetails.class).getApiKey())
				.isEqualTo("sk-prop-key"));
	}

	@Test
	void noKeyIsNeededWhenDeclaredNotRequired() {
		this.contextRunner
			.withPropertyValues("custom.llm.api-key-required=false", "custom.llm.base-url=" + simulator.baseUrl())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(CompletionModel.class).complete("Hello");
				assertThat(lastRequestHeader("Authorization")).isNull();
			});
	}

	@Test
	void disabledDefinesNothing() {
		this.contextRunner.withPropertyValues("custom.llm.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(CustomLlmClient.class)
				.doesNotHaveBean(CompletionModel.class)
				.doesNotHaveBean(EmbeddingModel.class)
				.doesNotHaveBean(CustomLlmConnectionDetails.class);
		});
	}

	@Test
	void userBeansWin() {
		this.contextRunner.withUserConfiguration(UserModelsConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(CompletionModel.class)).isSameAs(context.getBean("myCompletionModel"));
			assertThat(context.getBean(EmbeddingModel.class)).isSameAs(context.getBean("myEmbeddingModel"));
			assertThat(context.getBean(CustomLlmClient.class)).isSameAs(context.getBean("myClient"));
		});
	}

	@Test
	void connectionDetailsBeanWinsOverProperties() {
		this.contextRunner.withUserConfiguration(ConnectionDetailsConfiguration.class)
			.withPropertyValues("custom.llm.base-url=http://127.0.0.1:9/unused", "custom.llm.api-key=sk-prop-key")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PropertiesCustomLlmConnectionDetails.class);
				assertThat(context.getBean(CustomLlmClient.class).baseUrl()).isEqualTo(simulator.baseUrl());
				context.getBean(CompletionModel.class).complete("Hello");
				assertThat(lastRequestHeader("Authorization")).isEqualTo("Bearer sk-details-key");
			});
	}

	@Test
	void connectionDetailsWithoutAKeyNeedNoKeyProperty() {
		this.contextRunner.withBean(CustomLlmConnectionDetails.class, () -> new CustomLlmConnectionDetails() {

			@Override
			public String getBaseUrl() {
				return simulator.baseUrl();
			}

			@Override
			public String getApiKey() {
				return null;
			}

		}).run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(CompletionModel.class).complete("Hello");
			assertThat(lastRequestHeader("Authorization")).isNull();
		});
	}

	@Test
	void propertiesReachTheRequests() {
		this.contextRunner
			.withPropertyValues("custom.llm.api-key=sk-prop-key", "custom.llm.base-url=" + simulator.baseUrl() + "/",
					"custom.llm.headers.X-Tenant=acme", "custom.llm.completion.model=qwen",
					"custom.llm.completion.temperature=0.2", "custom.llm.completion.max-tokens=50",
					"custom.llm.embedding.model=nomic-embed-text", "custom.llm.embedding.encoding-format=float",
					"custom.llm.embedding.batch-size=2", "custom.llm.embedding.dimensions=256")
			.run((context) -> {
				context.getBean(CompletionModel.class).complete("Hello");
				JsonNode chat = lastBody();
				assertThat(chat.get("model").asString()).isEqualTo("qwen");
				assertThat(chat.get("temperature").asDouble()).isEqualTo(0.2);
				assertThat(chat.get("max_tokens").asInt()).isEqualTo(50);
				assertThat(lastRequestHeader("X-Tenant")).isEqualTo("acme");
				simulator.wireMock().resetRequests();
				assertThat(context.getBean(EmbeddingModel.class).embedAll(List.of("a", "b", "c"))).hasSize(3);
				assertThat(simulator.wireMock().findAll(anyRequestedFor(anyUrl()))).hasSize(2);
				JsonNode embeddings = lastBody();
				assertThat(embeddings.get("model").asString()).isEqualTo("nomic-embed-text");
				assertThat(embeddings.get("encoding_format").asString()).isEqualTo("float");
			});
	}

	@Test
	void textApiIsSelectedByProperty() {
		this.contextRunner
			.withPropertyValues("custom.llm.api-key=k", "custom.llm.base-url=http://vllm.internal:8000/v1",
					"custom.llm.completion.api=text")
			.run((context) -> assertThat(context.getBean(CompletionModel.class))
				.hasToString("CompletionModel[http://vllm.internal:8000/v1/completions, model=null]"));
	}

	@Test
	void responsesApiIsSelectedByPropertyForTheDefaultClientAndForANamedClient() {
		try (LlmSimulator simulator = LlmSimulator.start()) {
			this.contextRunner.withPropertyValues("custom.llm.api-key=k", "custom.llm.base-url=" + simulator.baseUrl(),
					"custom.llm.completion.api=responses", "custom.llm.clients.legacy.base-url=" + simulator.baseUrl(),
					"custom.llm.clients.legacy.completion.api=chat",
					"custom.llm.clients.reasoner.base-url=" + simulator.baseUrl())
				.run((context) -> {
					assertThat(context.getBean(CompletionModel.class))
						.hasToString("CompletionModel[" + simulator.baseUrl() + "/responses, model=null]");
					assertThat(context.getBean(CompletionModel.class).complete("Say hello")).isNotBlank();
					assertThat(simulator.responsesRequests()).hasSize(1);
					assertThat(context.getBean("legacyCustomLlmClient", CustomLlmClient.class).completionModel())
						.hasToString("CompletionModel[" + simulator.baseUrl() + "/chat/completions, model=null]");
					assertThat(context.getBean("reasonerCustomLlmClient", CustomLlmClient.class).completionModel())
						.hasToString("CompletionModel[" + simulator.baseUrl() + "/responses, model=null]");
				});
		}
	}

	@Test
	void invalidPropertiesFailWithAClearMessage() {
		this.contextRunner.withPropertyValues("custom.llm.api-key=k", "custom.llm.base-url=localhost:8000")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(CustomLlmConfigurationException.class)
				.hasMessageContaining("absolute http or https URL"));
		this.contextRunner.withPropertyValues("custom.llm.api-key=k", "custom.llm.completion.temperature=3")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("'custom.llm.completion.temperature' must be between 0 and 2"));
		this.contextRunner.withPropertyValues("custom.llm.api-key=k", "custom.llm.embedding.batch-size=0")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("'custom.llm.embedding.batch-size'"));
		this.contextRunner.withPropertyValues("custom.llm.api-key=k", "custom.llm.ssl.bundle=missing")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void sizesAndDurationsBeyondWhatTheClientCanHoldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("custom.llm.api-key=k", "custom.llm.max-response-size=3GB")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(CustomLlmConfigurationException.class)
				.hasMessageContaining("custom.llm.max-response-size must be at most 2GB")
				.hasMessageContaining("3072MB"));
		this.contextRunner.withPropertyValues("custom.llm.api-key=k", "custom.llm.response-timeout=10000d")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(CustomLlmConfigurationException.class)
				.hasMessageContaining("'custom.llm.response-timeout' must be at most PT24H"));
		this.contextRunner.withPropertyValues("custom.llm.api-key=k", "custom.llm.base-url=http://admin:pw-77@llm/v1")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(CustomLlmConfigurationException.class)
				.hasMessageContaining("must not contain credentials")
				.hasMessageNotContaining("pw-77"));
	}

	@Test
	void secretHeadersAndToolCallLimitAreTakenFromProperties() {
		simulator.chat().fails(LlmFault.status(403, "signature sig-secret-1 expired"));
		this.contextRunner
			.withPropertyValues("custom.llm.api-key=k", "custom.llm.base-url=" + simulator.baseUrl(),
					"custom.llm.retry.max-retries=0", "custom.llm.max-tool-calls=1",
					"custom.llm.max-buffered-response-bytes=8MB", "custom.llm.secret-headers=X-Signature",
					"custom.llm.headers.X-Signature=sig-secret-1")
			.run((context) -> {
				CompletionModel model = context.getBean(CompletionModel.class);
				assertThatExceptionOfType(LlmApiException.class).isThrownBy(() -> model.complete("Hi"))
					.withMessageNotContaining("sig-secret-1")
					.withMessageContaining("******");
				simulator.reset();
				simulator.chat().callsTools(ToolCallStub.of("lookup", "{}"), ToolCallStub.of("lookup", "{}"));
				assertThatExceptionOfType(LlmResponseException.class).isThrownBy(() -> model.complete("Hi"))
					.withMessageContaining("more than 1 tool calls (max-tool-calls)");
			});
	}

	@Test
	void customizersAreAppliedInOrder() {
		this.contextRunner.withUserConfiguration(CustomizerConfiguration.class)
			.withPropertyValues("custom.llm.api-key=k", "custom.llm.response-timeout=1s")
			.run((context) -> {
				context.getBean(CompletionModel.class).complete("Hello");
				assertThat(lastRequestHeader("X-Order")).isEqualTo("second");
			});
	}

	@Test
	void customizerCanAdjustTheHttpClient() {
		this.contextRunner.withPropertyValues("custom.llm.api-key=k")
			.withBean(CustomLlmClientCustomizer.class, () -> (builder) -> builder.baseUrl(simulator.baseUrl())
				.httpClientCustomizer((client) -> client.headers((headers) -> headers.set("X-Via-Netty", "yes"))))
			.run((context) -> {
				context.getBean(CompletionModel.class).complete("Hello");
				assertThat(lastRequestHeader("X-Via-Netty")).isEqualTo("yes");
				assertThat(lastRequestHeader("Authorization")).isEqualTo("Bearer k");
			});
	}

	@Test
	void keyNeverAppearsInTheClientsToString() {
		this.contextRunner.withPropertyValues("custom.llm.api-key=sk-secret-in-props-123")
			.run((context) -> assertThat(context.getBean(CustomLlmClient.class).toString())
				.doesNotContain("sk-secret-in-props-123"));
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static String lastRequestHeader(String name) {
		var requests = simulator.wireMock().findAll(anyRequestedFor(anyUrl()));
		return requests.get(requests.size() - 1).getHeader(name);
	}

	private static JsonNode lastBody() {
		var requests = simulator.wireMock().findAll(anyRequestedFor(anyUrl()));
		return LlmJson.mapper().readTree(requests.get(requests.size() - 1).getBody());
	}

	@Configuration(proxyBeanMethods = false)
	static class UserModelsConfiguration {

		@Bean
		CustomLlmClient myClient() {
			return CustomLlmClient.builder().baseUrl("http://127.0.0.1:9/v1").build();
		}

		@Bean
		CompletionModel myCompletionModel() {
			return mock(CompletionModel.class);
		}

		@Bean
		EmbeddingModel myEmbeddingModel() {
			return mock(EmbeddingModel.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConnectionDetailsConfiguration {

		@Bean
		CustomLlmConnectionDetails testConnectionDetails() {
			return new CustomLlmConnectionDetails() {

				@Override
				public String getBaseUrl() {
					return simulator.baseUrl();
				}

				@Override
				public String getApiKey() {
					return "sk-details-key";
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		@Order(2)
		CustomLlmClientCustomizer second() {
			return (builder) -> builder.header("X-Order", "second").baseUrl(simulator.baseUrl());
		}

		@Bean
		@Order(1)
		CustomLlmClientCustomizer first() {
			return (builder) -> builder.header("X-Order", "first").responseTimeout(Duration.ofSeconds(5));
		}

	}

}
