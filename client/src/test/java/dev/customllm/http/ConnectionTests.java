package dev.customllm.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

import dev.customllm.CustomLlmClient;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.CompletionResponse;

import dev.customllm.logging.LogCaptureExtension.CapturedLog;
import dev.customllm.logging.LogCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the connection layer: protocol, pool size, idle eviction and logging.
 */
@ExtendWith(LogCaptureExtension.class)
class ConnectionTests {

	private static final String ANSWER = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"ok\"}}]}";

	@Test
	void plainHttpRequestArrivesAsHttp11WithItsBodyOnAServerThatOffersH2c() {
		WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		try (CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl("http://127.0.0.1:" + server.port() + "/v1")
			.apiKey("k-123456")
			.build()) {
			server.stubFor(post(anyUrl()).willReturn(okJson(ANSWER)));
			client.completionModel("m").complete("body must arrive");
			List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
			assertThat(requests).hasSize(1);
			LoggedRequest request = requests.get(0);
			assertThat(request.getProtocol()).isEqualTo("HTTP/1.1");
			assertThat(request.getHeader("Upgrade")).isNull();
			assertThat(request.getHeader("HTTP2-Settings")).isNull();
			assertThat(request.getBodyAsString()).contains("body must arrive");
		}
		finally {
			server.stop();
		}
	}

	@Test
	void sixtyFourConcurrentCallersAreServedAtOnce() throws Exception {
		int callers = 64;
		CountDownLatch allArrived = new CountDownLatch(callers);
		HttpServer server = server((exchange) -> {
			allArrived.countDown();
			if (awaitQuietly(allArrived)) {
				respond(exchange, ANSWER);
			}
			else {
				exchange.sendResponseHeaders(503, -1);
			}
		}, callers + 8);
		try (CustomLlmClient client = CustomLlmClient.builder().baseUrl(url(server)).build()) {
			List<CompletionResponse> responses = Flux.range(0, callers)
				.flatMap((i) -> client.completionModel("m").completeAsync(CompletionRequest.of("call " + i)), callers)
				.collectList()
				.block(Duration.ofSeconds(20));
			assertThat(responses).hasSize(callers);
			assertThat(allArrived.getCount()).isZero();
			assertThat(client.connectionPool().allocated()).isEqualTo(callers);
			Awaitility.await()
				.atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(client.connectionPool().acquired()).isZero());
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void idleConnectionsAreClosedAfterMaxIdleTimeBeforeTheServerClosesThem() throws Exception {
		Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
		HttpServer server = server((exchange) -> {
			clientPorts.add(exchange.getRemoteAddress().getPort());
			respond(exchange, ANSWER);
		}, 4);
		try (CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl(url(server))
			.maxIdleTime(Duration.ofMillis(300))
			.build()) {
			client.completionModel("m").complete("one");
			awaitReleased(client);
			client.completionModel("m").complete("two, reusing the connection");
			assertThat(clientPorts).hasSize(1);
			Thread.sleep(1_200);
			client.completionModel("m").complete("three, after the idle time");
			assertThat(clientPorts).hasSize(2);
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void debugLoggingNeverShowsTheKey(CapturedLog output) {
		String key = "sk-debug-visible-3b6f0a9e";
		ch.qos.logback.classic.Logger netty = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
			.getLogger("reactor.netty");
		ch.qos.logback.classic.Logger web = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
			.getLogger("org.springframework.web");
		netty.setLevel(ch.qos.logback.classic.Level.DEBUG);
		web.setLevel(ch.qos.logback.classic.Level.TRACE);
		try (dev.customllm.test.LlmSimulator simulator = dev.customllm.test.LlmSimulator.start();
				CustomLlmClient client = CustomLlmClient.builder().baseUrl(simulator.baseUrl()).apiKey(key).build()) {
			client.completionModel("m").complete("Hello");
			client.embeddingModel("e").embedAll(List.of("a", "b"));
			assertThat(client.toString()).doesNotContain(key);
		}
		finally {
			netty.setLevel(null);
			web.setLevel(null);
		}
		assertThat(output.getAll()).isNotEmpty().doesNotContain(key);
	}

	private static void awaitReleased(CustomLlmClient client) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(client.connectionPool().acquired()).isZero());
	}

	private static HttpServer server(Handler handler, int threads) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		server.setExecutor(executor);
		server.createContext("/", (exchange) -> {
			try (exchange) {
				exchange.getRequestBody().readAllBytes();
				handler.handle(exchange);
			}
		});
		server.start();
		return server;
	}

	private static String url(HttpServer server) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
	}

	private static void respond(HttpExchange exchange, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		exchange.getResponseBody().write(body);
	}

	private static boolean awaitQuietly(CountDownLatch latch) {
		try {
			return latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@FunctionalInterface
	interface Handler {

		void handle(HttpExchange exchange) throws IOException;

	}

}
