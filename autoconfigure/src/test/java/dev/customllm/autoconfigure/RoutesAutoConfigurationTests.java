package dev.customllm.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.embedding.EmbeddingModel;
import dev.customllm.health.CustomLlmRoutesHealthIndicator;
import dev.customllm.routing.CompletionRouter;
import dev.customllm.routing.DeploymentStatus;
import dev.customllm.routing.RoutingStrategy;
import dev.customllm.test.LlmFault;
import dev.customllm.test.SimulatedDeployments;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of routes ({@code custom.llm.routes.<route>.*}).
 */
class RoutesAutoConfigurationTests {

	private static SimulatedDeployments deployments;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, CustomLlmAutoConfiguration.class,
				CustomLlmHealthContributorAutoConfiguration.class));

	@BeforeAll
	static void start() {
		deployments = SimulatedDeployments.start("zone-a", "zone-b", "large");
	}

	@AfterAll
	static void stop() {
		deployments.close();
	}

	@BeforeEach
	void reset() {
		deployments.reset();
	}

	private ApplicationContextRunner twoZones(String... more) {
		return this.contextRunner
			.withPropertyValues("custom.llm.api-key-required=false",
					"custom.llm.base-url=" + deployments.baseUrl("large"), "custom.llm.retry.max-retries=0",
					"custom.llm.completion.model=qwen3", "custom.llm.embedding.model=bge-m3",
					"custom.llm.clients.zone-a.base-url=" + deployments.baseUrl("zone-a"),
					"custom.llm.clients.zone-b.base-url=" + deployments.baseUrl("zone-b"),
					"custom.llm.routes.chat.deployments[0].client=zone-a",
					"custom.llm.routes.chat.deployments[1].client=zone-b",
					"custom.llm.routes.chat.deployments[1].weight=3", "custom.llm.routes.chat.strategy=weighted",
					"custom.llm.routes.chat.allowed-fails=1", "custom.llm.routes.chat.cooldown=10m")
			.withPropertyValues(more);
	}

	@Test
	void routeIsAQualifiedCompletionModelAndEmbeddingModel() {
		twoZones().withUserConfiguration(RouteUserConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasBean("chatCompletionModel").hasBean("chatEmbeddingModel");
			CompletionRouter router = context.getBean("chatCompletionModel", CompletionRouter.class);
			assertThat(router.name()).isEqualTo("chat");
			assertThat(router.deployments()).extracting(DeploymentStatus::name).containsExactly("zone-a", "zone-b");
			assertThat(context.getBean(RouteUser.class).chat()).isSameAs(router);
			assertThat(context.getBean(CompletionModel.class)).as("the default client's stays primary")
				.isNotSameAs(router);
			assertThat(router.toString()).contains(RoutingStrategy.WEIGHTED.name());
			assertThat(context.getBean("chatEmbeddingModel", EmbeddingModel.class).embed("hello").dimensions())
				.isPositive();
		});
	}

	@Test
	void routeFailsOverAndShowsItsDeploymentsInHealth() {
		deployments.down("zone-a");
		deployments.down("zone-b");
		twoZones("custom.llm.routes.chat.strategy=priority", "custom.llm.routes.chat.deployments[2].client=default")
			.run((context) -> {
				CompletionRouter router = context.getBean("chatCompletionModel", CompletionRouter.class);
				assertThat(router.complete(CompletionRequest.of("Hello")).deployment()).isEqualTo("default");
				Health health = context.getBean(CustomLlmRoutesHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				@SuppressWarnings("unchecked")
				Map<String, Map<String, Object>> chat = (Map<String, Map<String, Object>>) health.getDetails()
					.get("chat");
				assertThat(chat.get("zone-a")).containsEntry("state", "cooling").containsKey("coolingUntil");
				assertThat(chat.get("default")).containsEntry("state", "healthy");
			});
	}

	@Test
	void primaryRouteTakesThePlaceOfTheDefaultCompletionModel() {
		twoZones("custom.llm.routes.chat.primary=true").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(CompletionModel.class)).isSameAs(context.getBean("chatCompletionModel"));
		});
	}

	@Test
	void contextWindowFallbackIsAnotherRoute() {
		deployments.fail("zone-a", LlmFault.status(400, "This model's maximum context length is 8192 tokens."));
		twoZones("custom.llm.routes.chat.strategy=priority", "custom.llm.routes.chat.context-window-fallback=big",
				"custom.llm.routes.big.deployments[0].client=default")
			.run((context) -> {
				CompletionModel chat = context.getBean("chatCompletionModel", CompletionModel.class);
				assertThat(chat.complete(CompletionRequest.of("A long prompt")).deployment()).isEqualTo("default");
			});
	}

	@Test
	void unknownClientFailsStartUpNamingTheProperty() {
		twoZones("custom.llm.routes.chat.deployments[1].client=zone-c")
			.run((context) -> assertThat(mostSpecific(context.getStartupFailure()))
				.isInstanceOf(CustomLlmConfigurationException.class)
				.hasMessageContaining("'custom.llm.routes.chat.deployments[1].client'")
				.hasMessageContaining("zone-c"));
	}

	@Test
	void routeWithoutDeploymentsFailsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("custom.llm.api-key-required=false",
				"custom.llm.base-url=" + deployments.baseUrl("large"), "custom.llm.routes.empty.strategy=least-busy")
			.run((context) -> assertThat(mostSpecific(context.getStartupFailure()))
				.isInstanceOf(CustomLlmConfigurationException.class)
				.hasMessageContaining("'custom.llm.routes.empty.deployments'"));
	}

	@Test
	void mixedEmbeddingModelsFailStartUpNamingTheProperty() {
		twoZones("custom.llm.clients.zone-b.embedding.model=nomic-embed-text")
			.run((context) -> assertThat(mostSpecific(context.getStartupFailure()))
				.isInstanceOf(CustomLlmConfigurationException.class)
				.hasMessageContaining("'custom.llm.routes.chat.deployments'")
				.hasMessageContaining("mixes embedding models"));
	}

	@Test
	void routeOfCompletionsOnlyMayMixEmbeddingModels() {
		twoZones("custom.llm.clients.zone-b.embedding.model=nomic-embed-text",
				"custom.llm.routes.chat.embeddings=false")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasBean("chatCompletionModel").doesNotHaveBean("chatEmbeddingModel");
			});
	}

	@Test
	void unknownFallbackRouteFailsStartUpNamingTheProperty() {
		twoZones("custom.llm.routes.chat.context-window-fallback=nowhere")
			.run((context) -> assertThat(mostSpecific(context.getStartupFailure()))
				.hasMessageContaining("'custom.llm.routes.chat.context-window-fallback'"));
	}

	private static Throwable mostSpecific(Throwable failure) {
		return NestedExceptionUtils.getMostSpecificCause(failure);
	}

	@Configuration(proxyBeanMethods = false)
	static class RouteUserConfiguration {

		@Bean
		RouteUser routeUser(@Qualifier("chat") CompletionModel chat) {
			return new RouteUser(chat);
		}

	}

	record RouteUser(CompletionModel chat) {

	}

}
