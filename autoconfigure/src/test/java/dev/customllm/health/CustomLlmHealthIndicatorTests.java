package dev.customllm.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmRequestException;
import dev.customllm.autoconfigure.CustomLlmAutoConfiguration;
import dev.customllm.autoconfigure.CustomLlmHealthContributorAutoConfiguration;
import dev.customllm.resilience.RateLimitSettings;
import dev.customllm.resilience.StoreFailureAction;
import dev.customllm.redis.RedisConnectionSettings;
import dev.customllm.redis.RedisRateLimitConnection;
import dev.customllm.redis.RedisRateLimitStore;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CustomLlmHealthIndicator} and its auto-configuration.
 */
@ExtendWith(LlmSimulatorExtension.class)
class CustomLlmHealthIndicatorTests {

	private static final String KEY = "sk-health-secret-99";

	private static LlmSimulator simulator;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, CustomLlmAutoConfiguration.class,
				CustomLlmHealthContributorAutoConfiguration.class))
		.withPropertyValues("custom.llm.api-key=" + KEY);

	@BeforeAll
	static void start(LlmSimulator llm) {
		simulator = llm;
	}

	private CustomLlmClient client() {
		return CustomLlmClient.builder().baseUrl(simulator.baseUrl()).apiKey(KEY).build();
	}

	@Test
	void upWithTheModelsTheServiceLists() {
		Health health = new CustomLlmHealthIndicator(client(), "/models", Duration.ofSeconds(30)).health().block();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("baseUrl", simulator.baseUrl()).containsEntry("modelCount", 1);
	}

	@Test
	void downWithTheStatusAndNeverTheKey() {
		simulator.wireMock()
			.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(aResponse().withStatus(401)
				.withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}")));
		Health health = new CustomLlmHealthIndicator(client(), "/models", Duration.ofSeconds(30)).health().block();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("error").toString()).contains("LlmAuthenticationException", "HTTP 401")
			.doesNotContain(KEY);
	}

	@Test
	void downWhenTheServiceIsUnreachable() {
		CustomLlmClient unreachable = CustomLlmClient.builder().baseUrl("http://127.0.0.1:1/v1").build();
		Health health = new CustomLlmHealthIndicator(unreachable, "/models", Duration.ofSeconds(30)).health().block();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("error").toString()).contains("connection refused");
	}

	@Test
	void resultIsCachedSoThatProbesNeverFloodTheService() throws InterruptedException {
		CustomLlmHealthIndicator indicator = new CustomLlmHealthIndicator(client(), "/models", Duration.ofMillis(300));
		for (int i = 0; i < 5; i++) {
			assertThat(indicator.health().block().getStatus()).isEqualTo(Status.UP);
		}
		assertThat(simulator.wireMock().findAll(getRequestedFor(urlPathEqualTo("/v1/models")))).hasSize(1);
		Thread.sleep(400);
		indicator.health().block();
		assertThat(simulator.wireMock().findAll(getRequestedFor(urlPathEqualTo("/v1/models")))).hasSize(2);
	}

	@Test
	void autoConfiguredForTheDefaultAndEachNamedClientWithItsPath() {
		simulator.wireMock().stubFor(get(urlPathEqualTo("/v1/health/models")).willReturn(aResponse().withStatus(503)));
		this.contextRunner
			.withPropertyValues("custom.llm.base-url=" + simulator.baseUrl(),
					"custom.llm.clients.local.base-url=" + simulator.baseUrl(),
					"custom.llm.clients.local.health.path=/health/models")
			.run((context) -> {
				assertThat(context).hasBean("custom-llmHealthIndicator").hasBean("custom-llm-localHealthIndicator");
				assertThat(context.getBean("custom-llmHealthIndicator", CustomLlmHealthIndicator.class)
					.health()
					.block()
					.getStatus()).isEqualTo(Status.UP);
				assertThat(context.getBean("custom-llm-localHealthIndicator", CustomLlmHealthIndicator.class)
					.health()
					.block()
					.getStatus()).isEqualTo(Status.DOWN);
			});
	}

	@Test
	void switchedOffWithManagementHealthProperty() {
		this.contextRunner
			.withPropertyValues("custom.llm.base-url=" + simulator.baseUrl(),
					"management.health.custom-llm.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CustomLlmHealthIndicator.class));
	}

	@Test
	@SuppressWarnings("unchecked")
	void rateLimitStoreStateIsADetailThatNeverChangesTheStatus() {
		RedisRateLimitConnection unreachable = new RedisRateLimitConnection(
				RedisConnectionSettings.builder().standalone("127.0.0.1", 1).timeout(Duration.ofMillis(200)).build());
		try (unreachable;
				CustomLlmClient client = CustomLlmClient.builder()
					.baseUrl(simulator.baseUrl())
					.apiKey(KEY)
					.rateLimits(RateLimitSettings.builder()
						.requestsPerSecond(10.0)
						.maxWait(Duration.ofSeconds(1))
						.onStoreFailure(StoreFailureAction.REJECT)
						.build())
					.rateLimitStore(
							new RedisRateLimitStore(unreachable, "custom-llm:health-test", Duration.ofMillis(200)))
					.build()) {
			CustomLlmHealthIndicator indicator = new CustomLlmHealthIndicator(client, "/models",
					Duration.ofSeconds(30));
			Map<String, Object> shared = (Map<String, Object>) indicator.health()
				.block()
				.getDetails()
				.get("rateLimitStore");
			assertThat(shared).containsEntry("state", "shared")
				.containsEntry("store", "redis://127.0.0.1:1/0 (keys {custom-llm:health-test}:*)")
				.containsKey("since");
			assertThatExceptionOfType(LlmRequestException.class)
				.isThrownBy(() -> client.completionModel("m").complete("hi"))
				.withMessageContaining("is unreachable");
			Health health = indicator.health().block();
			assertThat(health.getStatus()).as("rejecting every call: not ready").isEqualTo(Status.OUT_OF_SERVICE);
			assertThat(new CustomLlmHealthIndicator(client, "/models", Duration.ofSeconds(30), false).health()
				.block()
				.getStatus()).as("opted out").isEqualTo(Status.UP);
			Map<String, Object> rejecting = (Map<String, Object>) health.getDetails().get("rateLimitStore");
			assertThat(rejecting).containsEntry("state", "rejecting");
			assertThat(Instant.parse((String) rejecting.get("since")))
				.isAfterOrEqualTo(Instant.parse((String) shared.get("since")));
			assertThat(health.getDetails()).containsEntry("modelCount", 1);
		}
	}

	@Test
	void noRateLimitStoreDetailWithoutAStore() {
		Health health = new CustomLlmHealthIndicator(client(), "/models", Duration.ofSeconds(30)).health().block();
		assertThat(health.getDetails()).doesNotContainKey("rateLimitStore");
	}

}
