package dev.customllm.docs;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.netty.transport.ProxyProvider;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmRequestException;
import dev.customllm.autoconfigure.CustomLlmClientCustomizer;
import dev.customllm.resilience.RetrySettings;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The proxy example of docs/configuration.md: the customizer reaches the Netty client, so
 * that calls go to the proxy rather than to the service.
 */
@ExtendWith(LlmSimulatorExtension.class)
class ProxyCustomizerTests {

	@Test
	void callsGoThroughTheConfiguredProxy(LlmSimulator llm) throws IOException {
		llm.chat().answers("Hi!");
		int deadProxyPort = freePort();
		CustomLlmClientCustomizer viaProxy = (builder) -> builder.httpClientCustomizer((client) -> client
			.proxy((proxy) -> proxy.type(ProxyProvider.Proxy.HTTP).host("127.0.0.1").port(deadProxyPort)));
		CustomLlmClient.Builder builder = CustomLlmClient.builder().baseUrl(llm.baseUrl()).retry(RetrySettings.NONE);
		viaProxy.customize(builder);
		try (CustomLlmClient client = builder.build()) {
			assertThatExceptionOfType(LlmRequestException.class)
				.isThrownBy(() -> client.completionModel("any").complete("Hello"))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(LlmRequestException.Kind.CONNECTION_REFUSED));
		}
		assertThat(llm.wireMock().findAll(anyRequestedFor(anyUrl()))).isEmpty();
		try (CustomLlmClient direct = CustomLlmClient.builder().baseUrl(llm.baseUrl()).build()) {
			assertThat(direct.completionModel("any").complete("Hello")).isEqualTo("Hi!");
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
