package dev.customllm.autoconfigure;

import org.jspecify.annotations.Nullable;

import dev.customllm.CustomLlmClient;

import org.springframework.core.env.Environment;

/**
 * {@link CustomLlmConnectionDetails} from the {@code custom.llm.*} properties, with the
 * {@code CUSTOM_API_KEY} environment variable as fallback for the key.
 *
 * @author Custom LLM team
 */
class PropertiesCustomLlmConnectionDetails implements CustomLlmConnectionDetails {

	private final CustomLlmClientProperties properties;

	private final Environment environment;

	PropertiesCustomLlmConnectionDetails(CustomLlmClientProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public String getBaseUrl() {
		return this.properties.getBaseUrl();
	}

	@Override
	public @Nullable String getApiKey() {
		String apiKey = this.properties.getApiKey();
		return (apiKey != null && !apiKey.isBlank()) ? apiKey
				: this.environment.getProperty(CustomLlmClient.API_KEY_ENVIRONMENT_VARIABLE);
	}

}
