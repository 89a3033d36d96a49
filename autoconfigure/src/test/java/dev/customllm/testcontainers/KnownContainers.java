package dev.customllm.testcontainers;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.ollama.OllamaContainer;
import org.wiremock.integrations.testcontainers.WireMockContainer;

import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willCallRealMethod;
import static org.mockito.Mockito.mock;

/**
 * Containers that are never started but report a known host and port, so that service
 * connections can be tested without Docker.
 */
final class KnownContainers {

	static final String HOST = "127.0.0.1";

	static final int OLLAMA_PORT = 11434;

	private KnownContainers() {
	}

	/**
	 * Return an Ollama container whose port is known. A mock, because the constructor of
	 * {@link OllamaContainer} asks Docker for its runtimes; the real
	 * {@link OllamaContainer#getEndpoint()} is kept.
	 * @param port the port of the Ollama API
	 * @return the container
	 */
	static OllamaContainer ollama(int port) {
		OllamaContainer container = mock(OllamaContainer.class);
		given(container.getHost()).willReturn(HOST);
		given(container.getMappedPort(OLLAMA_PORT)).willReturn(port);
		given(container.isRunning()).willReturn(true);
		willCallRealMethod().given(container).getEndpoint();
		willCallRealMethod().given(container).getPort();
		return container;
	}

	/**
	 * A WireMock container whose port is known.
	 */
	static final class KnownWireMockContainer extends WireMockContainer {

		private final int port;

		KnownWireMockContainer(int port) {
			super("wiremock/wiremock:3.13.2");
			this.port = port;
		}

		@Override
		public String getHost() {
			return HOST;
		}

		@Override
		public Integer getMappedPort(int originalPort) {
			return this.port;
		}

		@Override
		public Integer getFirstMappedPort() {
			return this.port;
		}

		@Override
		public boolean isRunning() {
			return true;
		}

		@Override
		public void stop() {
		}

	}

	/**
	 * A generic container whose port is known.
	 */
	static final class KnownGenericContainer extends GenericContainer<KnownGenericContainer> {

		private final int port;

		KnownGenericContainer(String image, int port) {
			super(image);
			this.port = port;
		}

		@Override
		public String getHost() {
			return HOST;
		}

		@Override
		public Integer getMappedPort(int originalPort) {
			return (originalPort == GenericWireMockContainerConnectionDetailsFactory.PORT) ? this.port : -1;
		}

		@Override
		public Integer getFirstMappedPort() {
			return this.port;
		}

		@Override
		public boolean isRunning() {
			return true;
		}

		@Override
		public void stop() {
		}

	}

}
