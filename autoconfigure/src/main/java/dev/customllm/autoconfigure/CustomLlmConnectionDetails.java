package dev.customllm.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the LLM service is and how to authenticate to it. Backed by the
 * {@code custom.llm.*} properties unless another bean is defined, for example by a
 * service connection in tests.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public interface CustomLlmConnectionDetails extends ConnectionDetails {

	/**
	 * Return the base URL of the service.
	 * @return the base URL, usually ending in {@code /v1}
	 */
	String getBaseUrl();

	/**
	 * Return the API key.
	 * @return the API key, or {@code null} when there is none
	 */
	@Nullable String getApiKey();

}
