package dev.customllm.autoconfigure;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.customllm.CustomLlmClient;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the client's secrets in {@code /actuator/env} and {@code /actuator/configprops},
 * even with {@code show-values: always}: the API key of every client
 * ({@code custom.llm.api-key}, {@code custom.llm.clients.<name>.api-key}, in any relaxed
 * form), the {@code CUSTOM_API_KEY} environment variable, and the values of secret
 * headers ({@code custom.llm.headers.Authorization}, names ending in {@code -key},
 * {@code -token}, {@code -secret}, ...).
 *
 * @author Custom LLM team
 */
final class CustomLlmSanitizingFunction implements SanitizingFunction {

	private final Set<String> secretHeaders;

	/**
	 * Create a new instance.
	 * @param secretHeaders further secret headers, from {@code custom.llm.secret-headers}
	 */
	CustomLlmSanitizingFunction(Collection<String> secretHeaders) {
		this.secretHeaders = secretHeaders.stream()
			.map((name) -> name.toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		return isSecret(data.getKey()) ? data.withSanitizedValue() : data;
	}

	boolean isSecret(String key) {
		String lower = key.toLowerCase(Locale.ROOT);
		if (lower.equals("custom_api_key")) {
			return true;
		}
		// relaxed forms: custom.llm.api-key, custom.llm.apiKey, CUSTOM_LLM_API_KEY,
		// CUSTOM_LLM_APIKEY
		String normalized = lower.replace('_', '.').replace("-", "");
		if (!normalized.startsWith("custom.llm.")) {
			return false;
		}
		if (normalized.endsWith(".apikey") || normalized.endsWith(".api.key")) {
			return !normalized.contains(".headers.");
		}
		int headers = lower.indexOf(".headers.");
		if (headers < 0) {
			return false;
		}
		String header = headerName(key.substring(headers + ".headers.".length()));
		return CustomLlmClient.isSecretHeader(header) || this.secretHeaders.contains(header.toLowerCase(Locale.ROOT));
	}

	private static String headerName(String rest) {
		// custom.llm.headers[X-Api-Key] is bound from the key
		// custom.llm.headers.X-Api-Key
		return rest.replace("[", "").replace("]", "");
	}

}
