package dev.customllm.sample.offline;

import dev.customllm.autoconfigure.CustomLlmConnectionDetails;
import org.jspecify.annotations.Nullable;

/**
 * {@link CustomLlmConnectionDetails} of the embedded simulator, which needs no API key.
 *
 * @param baseUrl the simulator's base URL
 * @author Custom LLM team
 */
record SimulatorConnectionDetails(String baseUrl) implements CustomLlmConnectionDetails {

	@Override
	public String getBaseUrl() {
		return this.baseUrl;
	}

	@Override
	public @Nullable String getApiKey() {
		return null;
	}

}
