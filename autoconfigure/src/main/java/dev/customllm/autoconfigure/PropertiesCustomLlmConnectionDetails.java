package dev.customllm.autoconfigure;

import org.jspecify.annotations.Nullable;

import dev.customllm.CustomLlmClient;

import org.springframework.core.env.Environment;

/**
 * {@link CustomLlmConnectionDetails} from the {@code custom.llm.*} properties, with the
 * {@code CUSTOM_BASE_URL} and {@code CUSTOM_API_KEY} environment variables as fallback.
 * There is no default base URL.
 *
 * @author Custom LLM team
 */
class PropertiesCustomLlmConnectionDetails implements CustomLlmConnectionDetails {

	private final String prefix;

	private final CustomLlmClientProperties properties;

	private final Environment environment;

	PropertiesCustomLlmConnectionDetails(String prefix, CustomLlmClientProperties properties, Environment environment) {
		this.prefix = prefix;
		this.properties = properties;
		this.environment = environment;
	}

	/**
	 * Return the base URL of the service.
	 * @return the base URL
	 * @throws CustomLlmConfigurationException if neither the property nor the variable is
	 * set
	 */
	@Override
	public String getBaseUrl() {
		String baseUrl = textOrNull(this.properties.getBaseUrl());
		if (baseUrl == null) {
			baseUrl = textOrNull(this.environment.getProperty(CustomLlmClient.BASE_URL_ENVIRONMENT_VARIABLE));
		}
		if (baseUrl == null) {
			throw CustomLlmConfigurationException.missingBaseUrl(this.prefix);
		}
		return baseUrl;
	}

	@Override
	public @Nullable String getApiKey() {
		String apiKey = textOrNull(this.properties.getApiKey());
		return (apiKey != null) ? apiKey : this.environment.getProperty(CustomLlmClient.API_KEY_ENVIRONMENT_VARIABLE);
	}

	private static @Nullable String textOrNull(@Nullable String value) {
		return (value != null && !value.isBlank()) ? value.strip() : null;
	}

}
