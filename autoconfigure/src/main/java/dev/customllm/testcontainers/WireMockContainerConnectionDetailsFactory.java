package dev.customllm.testcontainers;

import org.wiremock.integrations.testcontainers.WireMockContainer;

import dev.customllm.autoconfigure.CustomLlmConnectionDetails;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * {@link ContainerConnectionDetailsFactory} that connects the LLM client to a
 * {@link WireMockContainer}, at {@code /v1} under its base URL.
 *
 * @author Custom LLM team
 * @see GenericWireMockContainerConnectionDetailsFactory
 */
class WireMockContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<WireMockContainer, CustomLlmConnectionDetails> {

	static final String WIREMOCK_CONTAINER = "org.wiremock.integrations.testcontainers.WireMockContainer";

	WireMockContainerConnectionDetailsFactory() {
		super(ANY_CONNECTION_NAME, WIREMOCK_CONTAINER);
	}

	@Override
	protected CustomLlmConnectionDetails getContainerConnectionDetails(
			ContainerConnectionSource<WireMockContainer> source) {
		return new WireMockContainerConnectionDetails(source);
	}

	/**
	 * {@link CustomLlmConnectionDetails} backed by a {@link WireMockContainer}.
	 */
	static final class WireMockContainerConnectionDetails extends ContainerConnectionDetails<WireMockContainer>
			implements CustomLlmConnectionDetails {

		WireMockContainerConnectionDetails(ContainerConnectionSource<WireMockContainer> source) {
			super(source);
		}

		@Override
		public String getBaseUrl() {
			return getContainer().getBaseUrl() + "/v1";
		}

		@Override
		public String getApiKey() {
			return GenericWireMockContainerConnectionDetailsFactory.API_KEY;
		}

	}

}
