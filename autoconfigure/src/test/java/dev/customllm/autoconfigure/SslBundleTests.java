package dev.customllm.autoconfigure;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.customllm.LlmRequestException;
import dev.customllm.completion.CompletionModel;
import dev.customllm.testing.MutualTlsGateway;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that {@code custom.llm.ssl.bundle} gives mutual TLS to a gateway that requires a
 * client certificate.
 */
class SslBundleTests {

	private static WireMockServer gateway;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, WebClientAutoConfiguration.class,
				CustomLlmAutoConfiguration.class))
		.withPropertyValues("custom.llm.api-key=sk-mtls",
				"custom.llm.base-url=https://localhost:" + gateway.httpsPort() + "/v1",
				"spring.ssl.bundle.pem.gateway.keystore.certificate=classpath:tls/client.crt",
				"spring.ssl.bundle.pem.gateway.keystore.private-key=classpath:tls/client.key",
				"spring.ssl.bundle.pem.gateway.truststore.certificate=classpath:tls/ca.crt");

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
	void callsAGatewayThatRequiresAClientCertificate() {
		this.contextRunner.withPropertyValues("custom.llm.ssl.bundle=gateway").run((context) -> {
			assertThat(context.getBean(CompletionModel.class).complete("Hello")).isEqualTo("over mTLS");
			assertThat(gateway.findAll(anyRequestedFor(anyUrl()))).isNotEmpty();
		});
	}

	@Test
	void withoutTheBundleTheHandshakeFailsWithARequestError() {
		this.contextRunner.run((context) -> assertThatExceptionOfType(LlmRequestException.class)
			.isThrownBy(() -> context.getBean(CompletionModel.class).complete("Hello"))
			.withMessageContaining("calling https://localhost:" + gateway.httpsPort() + "/v1/chat/completions")
			.withMessageNotContaining("sk-mtls"));
	}

}
