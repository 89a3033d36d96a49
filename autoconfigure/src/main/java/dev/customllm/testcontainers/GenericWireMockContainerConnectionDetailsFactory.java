package dev.customllm.testcontainers;

import org.testcontainers.containers.Container;

import dev.customllm.autoconfigure.CustomLlmConnectionDetails;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.springframework.util.ClassUtils;

/**
 * {@link ContainerConnectionDetailsFactory} that connects the LLM client to any container
 * of the {@code wiremock/wiremock} image (or named so with
 * {@code @ServiceConnection(name = "wiremock/wiremock")}), at {@code /v1} on its port
 * 8080. A {@code WireMockContainer} is left to
 * {@link WireMockContainerConnectionDetailsFactory}.
 *
 * @author Custom LLM team
 */
class GenericWireMockContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<Container<?>, CustomLlmConnectionDetails> {

	static final String CONNECTION_NAME = "wiremock/wiremock";

	/**
	 * Key sent to WireMock, which accepts any; stubs may match it.
	 */
	static final String API_KEY = "wiremock";

	static final int PORT = 8080;

	GenericWireMockContainerConnectionDetailsFactory() {
		super(CONNECTION_NAME);
	}

	@Override
	protected boolean sourceAccepts(ContainerConnectionSource<Container<?>> source, Class<?> requiredContainerType,
			Class<?> requiredConnectionDetailsType) {
		return super.sourceAccepts(source, requiredContainerType, requiredConnectionDetailsType)
				&& !isWireMockContainer(source, requiredConnectionDetailsType);
	}

	private static boolean isWireMockContainer(ContainerConnectionSource<?> source, Class<?> detailsType) {
		ClassLoader classLoader = GenericWireMockContainerConnectionDetailsFactory.class.getClassLoader();
		if (!ClassUtils.isPresent(WireMockContainerConnectionDetailsFactory.WIREMOCK_CONTAINER, classLoader)) {
			return false;
		}
		Class<?> type = ClassUtils.resolveClassName(WireMockContainerConnectionDetailsFactory.WIREMOCK_CONTAINER,
				classLoader);
		return source.accepts(ANY_CONNECTION_NAME, type, detailsType);
	}

	@Override
	protected CustomLlmConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<Container<?>> source) {
		return new GenericWireMockContainerConnectionDetails(source);
	}

	/**
	 * {@link CustomLlmConnectionDetails} backed by a container of the WireMock image.
	 */
	static final class GenericWireMockContainerConnectionDetails extends ContainerConnectionDetails<Container<?>>
			implements CustomLlmConnectionDetails {

		GenericWireMockContainerConnectionDetails(ContainerConnectionSource<Container<?>> source) {
			super(source);
		}

		@Override
		public String getBaseUrl() {
			Container<?> container = getContainer();
			return "http://" + container.getHost() + ":" + container.getMappedPort(PORT) + "/v1";
		}

		@Override
		public String getApiKey() {
			return API_KEY;
		}

	}

}
