package dev.customllm.autoconfigure;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.customllm.LlmApiException;
import dev.customllm.completion.CompletionModel;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Issue 27 at start-up and on the WebClient transport: a redirect is never followed
 * whatever the application's redirect policy, and a setting that cannot be used is
 * reported by its property path and named client.
 */
class StartupSecurityTests {

	private static final String KEY = "sk-9Wq4Zt7Lm2Xc5Vb8Nr1";

	private final List<String> elsewhere = new CopyOnWriteArrayList<>();

	private HttpServer other;

	private HttpServer redirecting;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, CustomLlmAutoConfiguration.class));

	@BeforeEach
	void start() throws IOException {
		this.other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
		this.other.createContext("/", (exchange) -> {
			this.elsewhere.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
			byte[] answer = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"stolen\"}}]}"
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, answer.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer);
			}
		});
		this.other.start();
		this.redirecting = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
		this.redirecting.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			exchange.getResponseHeaders()
				.set("Location", "http://127.0.0.1:" + this.other.getAddress().getPort() + "/v1/chat/completions");
			exchange.sendResponseHeaders(307, -1);
			exchange.close();
		});
		this.redirecting.start();
	}

	@AfterEach
	void stop() {
		this.redirecting.stop(0);
		this.other.stop(0);
	}

	@Test
	void theWebClientTransportNeverFollowsARedirectWhenBootsClientsFollowThem() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class))
			.withPropertyValues("spring.http.clients.redirects=follow", "custom.llm.http.client=webclient",
					"custom.llm.api-key=" + KEY, "custom.llm.retry.max-retries=0",
					"custom.llm.base-url=http://127.0.0.1:" + this.redirecting.getAddress().getPort() + "/v1")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThatExceptionOfType(LlmApiException.class)
					.isThrownBy(() -> context.getBean(CompletionModel.class).complete("a secret prompt"))
					.withMessageContaining("redirect");
				assertThat(this.elsewhere).isEmpty();
			});
	}

	@Test
	void theWebClientTransportNeverFollowsARedirectOnAConnectorBuiltToFollow() {
		this.contextRunner.withBean(ClientHttpConnectorBuilder.class, ClientHttpConnectorBuilder::jdk)
			.withBean(WebClientCustomizer.class,
					() -> (builder) -> builder.clientConnector(ClientHttpConnectorBuilder.jdk()
						.build(HttpClientSettings.defaults().withRedirects(HttpRedirects.FOLLOW))))
			.withPropertyValues("custom.llm.http.client=webclient", "custom.llm.api-key=" + KEY,
					"custom.llm.retry.max-retries=0",
					"custom.llm.base-url=http://127.0.0.1:" + this.redirecting.getAddress().getPort() + "/v1")
			.run((context) -> {
				assertThatExceptionOfType(LlmApiException.class)
					.isThrownBy(() -> context.getBean(CompletionModel.class).complete("a secret prompt"))
					.withMessageContaining("redirect");
				assertThat(this.elsewhere).isEmpty();
			});
	}

	@Test
	void anUnusableSettingOfANamedClientIsReportedByItsPropertyPath() {
		this.contextRunner
			.withPropertyValues("custom.llm.api-key-required=false",
					"custom.llm.clients.zone-a.base-url=http://127.0.0.1:9/v1",
					"custom.llm.clients.zone-a.connect-timeout=0s")
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				while (failure.getCause() != null) {
					failure = failure.getCause();
				}
				assertThat(failure).isInstanceOf(CustomLlmConfigurationException.class)
					.hasMessageContaining("'custom.llm.clients.zone-a.connect-timeout'")
					.hasMessageContaining("zone-a");
				assertThat(failure.getMessage()).doesNotContain("connectTimeout");
			});
	}

	@Test
	void anUnusableRetrySettingIsReportedByItsPropertyPath() {
		this.contextRunner
			.withPropertyValues("custom.llm.api-key-required=false", "custom.llm.base-url=http://127.0.0.1:9/v1",
					"custom.llm.retry.jitter=3")
			.run((context) -> {
				Throwable failure = context.getStartupFailure();
				while (failure.getCause() != null) {
					failure = failure.getCause();
				}
				assertThat(failure).hasMessageContaining("'custom.llm.retry.jitter'");
			});
	}

}
