package dev.customllm;

import java.util.Map;

import org.junit.jupiter.api.Test;

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

}
