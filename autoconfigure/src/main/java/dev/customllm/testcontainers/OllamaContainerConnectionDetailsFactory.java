package dev.customllm.testcontainers;

import org.testcontainers.ollama.OllamaContainer;

import dev.customllm.autoconfigure.CustomLlmConnectionDetails;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * {@link ContainerConnectionDetailsFactory} that connects the LLM client to the
 * OpenAI-compatible endpoint ({@code /v1}) of an {@link OllamaContainer}.
 *
 * @author Custom LLM team
 */
class OllamaContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<OllamaContainer, CustomLlmConnectionDetails> {

	/**
	 * Key sent to Ollama, which ignores it; the placeholder its OpenAI compatibility
	 * documentation uses.
	 */
	static final String API_KEY = "ollama";

	OllamaContainerConnectionDetailsFactory() {
		super(ANY_CONNECTION_NAME, "org.testcontainers.ollama.OllamaContainer");
	}

	@Override
	protected CustomLlmConnectionDetails getContainerConnectionDetails(
			ContainerConnectionSource<OllamaContainer> source) {
		return new OllamaContainerConnectionDetails(source);
	}

	/**
	 * {@link CustomLlmConnectionDetails} backed by an {@link OllamaContainer}.
	 */
	static final class OllamaContainerConnectionDetails extends ContainerConnectionDetails<OllamaContainer>
			implements CustomLlmConnectionDetails {

		OllamaContainerConnectionDetails(ContainerConnectionSource<OllamaContainer> source) {
			super(source);
		}

		@Override
		public String getBaseUrl() {
			return getContainer().getEndpoint() + "/v1";
		}

		@Override
		public String getApiKey() {
			return API_KEY;
		}

	}

}
