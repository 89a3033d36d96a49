package dev.customllm;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.customllm.resilience.RateLimitSettings;
import dev.customllm.resilience.RetrySettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link CustomLlmClient}.
 */
class CustomLlmClientTests {

	@Test
	void fromEnvReadsTheKeyFromCustomApiKey() {
		Map<String, String> environment = Map.of("CUSTOM_API_KEY", "sk-from-env-0001");
		try (CustomLlmClient client = CustomLlmClient.fromEnv(environment::get)) {
			assertThat(client.baseUrl()).isEqualTo(CustomLlmClient.DEFAULT_BASE_URL);
			assertThat(client.toString()).doesNotContain("sk-from-env-0001").contains("apiKey=******");
		}
	}

	@Test
	void fromEnvNamesTheVariableWhenItIsAbsentOrBlank() {
		assertThatIllegalStateException().isThrownBy(() -> CustomLlmClient.fromEnv((name) -> null))
			.withMessageContaining("CUSTOM_API_KEY");
		assertThatIllegalStateException().isThrownBy(() -> CustomLlmClient.fromEnv((name) -> "  "))
			.withMessageContaining("CUSTOM_API_KEY");
	}

	@Test
	void builderRejectsUnusableSettings() {
		assertThatIllegalArgumentException().isThrownBy(() -> CustomLlmClient.builder().baseUrl("not a url").build())
			.withMessageContaining("baseUrl");
		assertThatIllegalArgumentException().isThrownBy(() -> CustomLlmClient.builder().maxConnections(0).build())
			.withMessageContaining("maxConnections");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CustomLlmClient.builder().connectTimeout(java.time.Duration.ZERO).build())
			.withMessageContaining("connectTimeout");
	}

	@Test
	void baseUrlLosesItsTrailingSlash() {
		try (CustomLlmClient client = CustomLlmClient.builder().baseUrl("http://localhost:11434/v1/").build()) {
			assertThat(client.baseUrl()).isEqualTo("http://localhost:11434/v1");
			assertThat(client.toString()).contains("apiKey=none");
		}
	}

	@Test
	void nullArgumentsAreNamedNotBareNullPointers() {
		assertThatIllegalArgumentException().isThrownBy(() -> CustomLlmClient.builder().baseUrl(null))
			.withMessage("baseUrl must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> CustomLlmClient.builder().connectTimeout(null))
			.withMessage("connectTimeout must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> CustomLlmClient.builder().retry(null))
			.withMessage("retry must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> CustomLlmClient.builder().header("X-Tenant", null))
			.withMessage("value of header X-Tenant must not be null");
	}

	@Test
	void endlessDurationsFailAtBuildTimeNamingTheSetting() {
		Duration forever = ChronoUnit.FOREVER.getDuration();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CustomLlmClient.builder().responseTimeout(Duration.ofSeconds(Long.MAX_VALUE)).build())
			.withMessageContaining("responseTimeout must be at most PT24H");
		assertThatIllegalArgumentException().isThrownBy(() -> CustomLlmClient.builder().callTimeout(forever).build())
			.withMessageContaining("callTimeout must be at most PT24H");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CustomLlmClient.builder().streamIdleTimeout(forever).build())
			.withMessageContaining("streamIdleTimeout");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CustomLlmClient.builder()
				.retry(new RetrySettings(2, Duration.ofMillis(500), 2, forever, 0.25, Duration.ofSeconds(60)))
				.build())
			.withMessageContaining("maxDelay must be at most PT24H");
		assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitSettings(null, 1.0, forever))
			.withMessageContaining("maxWait must be at most PT24H");
	}

	@Test
	void credentialsInTheBaseUrlAreRejectedWithoutBeingShown() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CustomLlmClient.builder().baseUrl("http://admin:hunter2-pw@gateway/v1").build())
			.withMessageContaining("must not contain credentials")
			.withMessageNotContaining("hunter2-pw");
	}

	@Test
	void secretHeadersAreKnownByNameInAnyCase() {
		assertThat(List.of("Authorization", "proxy-authorization", "COOKIE", "api-key", "X-Api-Key", "x-tenant-token",
				"X-Client-Secret", "Ocp-Apim-Subscription-Key"))
			.allMatch(CustomLlmClient::isSecretHeader);
		assertThat(List.of("x-portkey-provider", "Content-Type", "X-Request-Id", "keyboard", "tokens"))
			.noneMatch(CustomLlmClient::isSecretHeader);
	}

}
