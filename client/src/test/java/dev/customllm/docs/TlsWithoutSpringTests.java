package dev.customllm.docs;

import java.io.File;
import java.nio.file.Path;

import javax.net.ssl.SSLException;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmRequestException;
import dev.customllm.testing.MutualTlsGateway;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The "TLS without Spring" example of docs/configuration.md: mutual TLS to a gateway that
 * requires a client certificate, with only the client jar.
 */
class TlsWithoutSpringTests {

	private static final Path TLS = MutualTlsGateway.material();

	private static WireMockServer gateway;

	@BeforeAll
	static void start() {
		gateway = MutualTlsGateway.start();
		gateway.stubFor(post(anyUrl())
			.willReturn(okJson("{\"choices\":[{\"index\":0,\"message\":{\"content\":\"over mTLS\"}}]}")));
	}

	@AfterAll
	static void stop() {
		gateway.stop();
	}

	@Test
	void callsAGatewayThatRequiresAClientCertificate() throws SSLException {
		assertThat(ask(TLS.resolve("ca.crt").toFile(), TLS.resolve("client.crt").toFile(),
				TLS.resolve("client.key").toFile(), "https://localhost:" + gateway.httpsPort() + "/v1"))
			.isEqualTo("over mTLS");
	}

	@Test
	void withoutAClientCertificateTheHandshakeFailsWithARequestError() throws SSLException {
		SslContext trustOnly = SslContextBuilder.forClient().trustManager(TLS.resolve("ca.crt").toFile()).build();
		try (CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl("https://localhost:" + gateway.httpsPort() + "/v1")
			.apiKey("sk-mtls")
			.sslContext(trustOnly)
			.build()) {
			assertThatExceptionOfType(LlmRequestException.class)
				.isThrownBy(() -> client.completionModel("llama3.2").complete("Say hello"))
				.withMessageNotContaining("sk-mtls");
		}
	}

	// the example of docs/configuration.md
	static String ask(File ca, File certificate, File key, String baseUrl) throws SSLException {
		SslContext sslContext = SslContextBuilder.forClient().trustManager(ca).keyManager(certificate, key).build();
		try (CustomLlmClient client = CustomLlmClient.builder().baseUrl(baseUrl).sslContext(sslContext).build()) {
			return client.completionModel("llama3.2").complete("Say hello");
		}
	}

}
