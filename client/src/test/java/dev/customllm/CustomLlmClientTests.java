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
	void fromEnvReadsTheBaseUrlFromCustomBaseUrlAndTheKeyFromCustomApiKey() {
		Map<String, String> environment = Map.of("CUSTOM_BASE_URL", "http://vllm.internal:8000/v1", "CUSTOM_API_KEY",
				"sk-from-env-0001");
		try (CustomLlmClient client = CustomLlmClient.fromEnv(environment::get)) {
			assertThat(client.baseUrl()).isEqualTo("http://vllm.internal:8000/v1");
			assertThat(client.toString()).doesNotContain("sk-from-env-0001").contains("apiKey=******");
		}
	}

	@Test
	void fromEnvNamesTheKeyVariableWhenItIsAbsentOrBlank() {
		Map<String, String> noKey = Map.of("CUSTOM_BASE_URL", "http://vllm.internal:8000/v1");
		assertThatIllegalStateException().isThrownBy(() -> CustomLlmClient.fromEnv(noKey::get))
			.withMessageContaining("CUSTOM_API_KEY");
		Map<String, String> blankKey = Map.of("CUSTOM_BASE_URL", "http://vllm.internal:8000/v1", "CUSTOM_API_KEY",
				"  ");
		assertThatIllegalStateException().isThrownBy(() -> CustomLlmClient.fromEnv(blankKey::get))
			.withMessageContaining("CUSTOM_API_KEY");
	}

	@Test
	void fromEnvNamesTheBaseUrlVariableWhenItIsAbsentOrBlank() {
		Map<String, String> keyOnly = Map.of("CUSTOM_API_KEY", "sk-from-env-0001");
		assertThatIllegalStateException().isThrownBy(() -> CustomLlmClient.fromEnv(keyOnly::get))
			.withMessageContaining("CUSTOM_BASE_URL")
			.withMessageNotContaining("sk-from-env-0001");
		Map<String, String> blankUrl = Map.of("CUSTOM_BASE_URL", " ", "CUSTOM_API_KEY", "sk-from-env-0001");
		assertThatIllegalStateException().isThrownBy(() -> CustomLlmClient.fromEnv(blankUrl::get))
			.withMessageContaining("CUSTOM_BASE_URL");
	}

	@Test
	void builderWithoutABaseUrlFailsNamingIt() {
		assertThatIllegalStateException().isThrownBy(() -> CustomLlmClient.builder().apiKey("sk-test-0001").build())
			.withMessageContaining("baseUrl is not set");
	}

	@Test
	void builderRejectsUnusableSettings() {
		assertThatIllegalArgumentException().isThrownBy(() -> CustomLlmClient.builder().baseUrl("not a url").build())
			.withMessageContaining("baseUrl");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CustomLlmClient.builder().baseUrl("http://localhost:8000/v1").maxConnections(0).build())
			.withMessageContaining("maxConnections");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CustomLlmClient.builder()
				.baseUrl("http://localhost:8000/v1")
				.connectTimeout(java.time.Duration.ZERO)
				.build())
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
			.isThrownBy(() -> CustomLlmClient.builder()
				.baseUrl("http://localhost:8000/v1")
				.responseTimeout(Duration.ofSeconds(Long.MAX_VALUE))
				.build())
			.withMessageContaining("responseTimeout must be at most PT24H");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> CustomLlmClient.builder().baseUrl("http://localhost:8000/v1").callTimeout(forever).build())
			.withMessageContaining("callTimeout must be at most PT24H");
		assertThatIllegalArgumentException().isThrownBy(
				() -> CustomLlmClient.builder().baseUrl("http://localhost:8000/v1").streamIdleTimeout(forever).build())
			.withMessageContaining("streamIdleTimeout");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CustomLlmClient.builder()
				.baseUrl("http://localhost:8000/v1")
				.retry(RetrySettings.builder().maxDelay(forever).build())
				.build())
			.withMessageContaining("maxDelay must be at most PT24H");
		assertThatIllegalArgumentException().isThrownBy(() -> RateLimitSettings.of(null, 1.0, forever))
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
