package dev.customllm.autoconfigure;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint.EnvironmentEntryDescriptor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CustomLlmSanitizingAutoConfiguration}: {@code /actuator/env} with
 * {@code show-values: always} shows no key and no secret header, and every other value.
 */
class CustomLlmSanitizingAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CustomLlmSanitizingAutoConfiguration.class));

	@Test
	void envEndpointShowingAllValuesStillMasksKeysAndSecretHeaders() {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("test", Map.of("custom.llm.api-key", "sk-app-yaml-1", "CUSTOM_API_KEY",
						"sk-env-2", "CUSTOM_LLM_CLIENTS_CHAT_API_KEY", "sk-env-3", "custom.llm.clients.embed.apiKey",
						"sk-yaml-4", "custom.llm.headers.X-Tenant-Token", "tok-5", "custom.llm.headers.Authorization",
						"Bearer t-6", "custom.llm.headers.x-portkey-provider", "openai", "custom.llm.base-url",
						"http://llm.internal/v1", "custom.llm.headers.X-Signature", "sig-7",
						"custom.llm.secret-headers", "x-signature"))))
			.run((context) -> {
				EnvironmentEndpoint endpoint = new EnvironmentEndpoint(
						(ConfigurableEnvironment) context.getEnvironment(),
						List.copyOf(context.getBeansOfType(SanitizingFunction.class).values()), Show.ALWAYS);
				assertThat(value(endpoint, "custom.llm.api-key")).isEqualTo("******");
				assertThat(value(endpoint, "CUSTOM_API_KEY")).isEqualTo("******");
				assertThat(value(endpoint, "CUSTOM_LLM_CLIENTS_CHAT_API_KEY")).isEqualTo("******");
				assertThat(value(endpoint, "custom.llm.clients.embed.apiKey")).isEqualTo("******");
				assertThat(value(endpoint, "custom.llm.headers.X-Tenant-Token")).isEqualTo("******");
				assertThat(value(endpoint, "custom.llm.headers.Authorization")).isEqualTo("******");
				assertThat(value(endpoint, "custom.llm.headers.x-portkey-provider")).isEqualTo("openai");
				assertThat(value(endpoint, "custom.llm.headers.X-Signature")).isEqualTo("******");
				assertThat(value(endpoint, "custom.llm.base-url")).isEqualTo("http://llm.internal/v1");
			});
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwn() {
		this.contextRunner.withBean("customLlmSanitizingFunction", SanitizingFunction.class, () -> (data) -> data)
			.run((context) -> assertThat(context).getBeans(SanitizingFunction.class).hasSize(1));
	}

	private static Object value(EnvironmentEndpoint endpoint, String name) {
		EnvironmentEntryDescriptor entry = endpoint.environmentEntry(name);
		return entry.getProperty().getValue();
	}

}
