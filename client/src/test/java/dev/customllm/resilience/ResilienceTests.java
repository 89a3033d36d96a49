package dev.customllm.resilience;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmApiException;
import dev.customllm.LlmException;
import dev.customllm.LlmRequestException;
import dev.customllm.LlmRequestException.Kind;
import dev.customllm.completion.CompletionRequest;

import dev.customllm.logging.LogCaptureExtension.CapturedLog;
import dev.customllm.logging.LogCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of the retry budget, the client-side limits, retry logging and pooled connections
 * closed by the server.
 */
@ExtendWith(LogCaptureExtension.class)
class ResilienceTests {

	private static final RetrySettings FAST = RetrySettings.builder()
		.delay(Duration.ofMillis(10))
		.maxDelay(Duration.ofMillis(40))
		.maxRetryAfter(Duration.ofSeconds(5))
		.build();

	@Test
	void budgetKeepsRequestsToAFailingServiceBelowItsBound() throws Exception {
		AtomicInteger requests = new AtomicInteger();
		try (TestServer server = new TestServer((exchange) -> {
			requests.incrementAndGet();
			TestServer.respond(exchange, 503, "");
		}, 64);
				CustomLlmClient client = CustomLlmClient.builder()
					.baseUrl(server.baseUrl())
					.retry(FAST)
					.retryBudget(new RetryBudget(50, 5, 10))
					.build()) {
			int callers = 200;
			List<Object> outcomes = Flux.range(0, callers)
				.flatMap((i) -> client.completionModel("m")
					.completeAsync(CompletionRequest.of("call " + i))
					.cast(Object.class)
					.onErrorResume(LlmApiException.class, reactor.core.publisher.Mono::just), 50)
				.collectList()
				.block(Duration.ofSeconds(60));
			assertThat(outcomes).hasSize(callers)
				.allSatisfy((outcome) -> assertThat(outcome).isInstanceOf(LlmApiException.class));
			// without a budget: 200 calls x 3 attempts = 600 requests; with it, at most
			// 50 / 5 = 10 retries
			assertThat(requests.get()).isBetween(callers, callers + 10);
		}
	}

	@Test
	void successesRefillTheBudget() {
		RetryBudget budget = new RetryBudget(10, 5, 10);
		LlmRequestException closed = new LlmRequestException(dev.customllm.LlmOperation.CHAT, Kind.CONNECTION_CLOSED,
				"closed", null);
		assertThat(budget.tryAcquire(closed)).isTrue();
		assertThat(budget.tryAcquire(closed)).isTrue();
		assertThat(budget.tryAcquire(closed)).isFalse();
		for (int i = 0; i < 5; i++) {
			budget.onSuccess();
		}
		assertThat(budget.tryAcquire(closed)).isTrue();
		LlmRequestException timeout = new LlmRequestException(dev.customllm.LlmOperation.CHAT, Kind.RESPONSE_TIMEOUT,
				"timeout", null);
		budget.onSuccess();
		assertThat(budget.available()).isEqualTo(1);
		assertThat(budget.tryAcquire(timeout)).isFalse();
	}

	@Test
	void maxConcurrentRequestsIsNeverExceeded() throws Exception {
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger maxInFlight = new AtomicInteger();
		try (TestServer server = new TestServer((exchange) -> {
			maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
			sleep(100);
			inFlight.decrementAndGet();
			TestServer.respond(exchange, 200, TestServer.ANSWER);
		}, 32);
				CustomLlmClient client = CustomLlmClient.builder()
					.baseUrl(server.baseUrl())
					.rateLimits(RateLimitSettings.of(3, null, Duration.ofSeconds(10)))
					.build()) {
			List<String> answers = Flux.range(0, 12)
				.flatMap((i) -> client.completionModel("m").completeAsync(CompletionRequest.of("call " + i)), 12)
				.map((response) -> response.text())
				.collectList()
				.block(Duration.ofSeconds(30));
			assertThat(answers).hasSize(12);
			assertThat(maxInFlight.get()).isEqualTo(3);
		}
	}

	@Test
	void callerWaitingTooLongForAPermitGetsATypedError() throws Exception {
		try (TestServer server = new TestServer((exchange) -> {
			sleep(600);
			TestServer.respond(exchange, 200, TestServer.ANSWER);
		}, 8);
				CustomLlmClient client = CustomLlmClient.builder()
					.baseUrl(server.baseUrl())
					.rateLimits(RateLimitSettings.of(1, null, Duration.ofMillis(100)))
					.build()) {
			List<Object> outcomes = Flux.range(0, 2)
				.flatMap((i) -> client.completionModel("m")
					.completeAsync(CompletionRequest.of("call " + i))
					.cast(Object.class)
					.onErrorResume(LlmException.class, reactor.core.publisher.Mono::just), 2)
				.collectList()
				.block(Duration.ofSeconds(10));
			assertThat(outcomes).hasSize(2);
			assertThat(outcomes).filteredOn(LlmRequestException.class::isInstance)
				.singleElement()
				.satisfies((failure) -> {
					assertThat(((LlmRequestException) failure).kind()).isEqualTo(Kind.CLIENT_LIMIT);
					assertThat(((LlmRequestException) failure).getMessage()).contains("max-concurrent-requests 1");
				});
		}
	}

	@Test
	void requestsPerSecondSpacesRequestsAndRejectsPastMaxWait() throws Exception {
		AtomicInteger requests = new AtomicInteger();
		try (TestServer server = new TestServer((exchange) -> {
			requests.incrementAndGet();
			TestServer.respond(exchange, 200, TestServer.ANSWER);
		}, 8);
				CustomLlmClient client = CustomLlmClient.builder()
					.baseUrl(server.baseUrl())
					.rateLimits(RateLimitSettings.of(null, 10.0, Duration.ofSeconds(5)))
					.build()) {
			long start = System.nanoTime();
			Flux.range(0, 20)
				.flatMap((i) -> client.completionModel("m").completeAsync(CompletionRequest.of("call " + i)), 20)
				.blockLast(Duration.ofSeconds(20));
			// a burst of 10, then 10 more at 10 per second
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(800));
			assertThat(requests.get()).isEqualTo(20);
		}
		try (TestServer server = new TestServer((exchange) -> TestServer.respond(exchange, 200, TestServer.ANSWER), 4);
				CustomLlmClient client = CustomLlmClient.builder()
					.baseUrl(server.baseUrl())
					.rateLimits(RateLimitSettings.of(null, 1.0, Duration.ofMillis(50)))
					.build()) {
			client.completionModel("m").complete("first");
			assertThatExceptionOfType(LlmRequestException.class)
				.isThrownBy(() -> client.completionModel("m").complete("second"))
				.withMessageContaining("requests-per-second 1.0")
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.CLIENT_LIMIT));
		}
	}

	@Test
	void eachRetryLogsOneWarningWithoutKeyOrPrompt(CapturedLog output) throws Exception {
		AtomicInteger requests = new AtomicInteger();
		try (TestServer server = new TestServer((exchange) -> {
			if (requests.incrementAndGet() <= 2) {
				TestServer.respond(exchange, 503, "");
			}
			else {
				TestServer.respond(exchange, 200, TestServer.ANSWER);
			}
		}, 4);
				CustomLlmClient client = CustomLlmClient.builder()
					.baseUrl(server.baseUrl())
					.apiKey("sk-never-logged-77")
					.retry(FAST)
					.build()) {
			assertThat(client.completionModel("m").complete("a secret prompt text")).isEqualTo("ok");
		}
		List<String> warnings = output.getAll().lines().filter((line) -> line.contains("WARN")).toList();
		assertThat(warnings).hasSize(2);
		assertThat(warnings.get(0)).contains("chat attempt 1 failed (status_503); retrying in");
		assertThat(warnings.get(1)).contains("chat attempt 2 failed (status_503); retrying in");
		assertThat(output.getAll()).doesNotContain("sk-never-logged-77").doesNotContain("a secret prompt text");
	}

	@Test
	void pooledConnectionClosedByTheServerWhileIdleDoesNotFailTheNextCall() throws Exception {
		try (ClosingServer server = new ClosingServer();
				CustomLlmClient client = CustomLlmClient.builder()
					.baseUrl(server.baseUrl())
					.maxIdleTime(Duration.ofSeconds(30))
					.build()) {
			assertThat(client.completionModel("m").complete("first")).isEqualTo("ok");
			sleep(300);
			assertThat(client.completionModel("m").complete("second")).isEqualTo("ok");
			assertThat(server.connections.get()).isEqualTo(2);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Answers one request per connection with {@code Connection: keep-alive}, then closes
	 * the connection after 100 ms, as llama.cpp does with idle keep-alive sockets.
	 */
	static final class ClosingServer implements AutoCloseable {

		private final ServerSocket socket;

		private final AtomicInteger connections = new AtomicInteger();

		private final Thread acceptor;

		ClosingServer() throws IOException {
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			this.acceptor = new Thread(this::acceptLoop, "closing-server");
			this.acceptor.setDaemon(true);
			this.acceptor.start();
		}

		String baseUrl() {
			return "http://127.0.0.1:" + this.socket.getLocalPort() + "/v1";
		}

		private void acceptLoop() {
			while (!this.socket.isClosed()) {
				try (Socket connection = this.socket.accept()) {
					this.connections.incrementAndGet();
					readRequest(connection.getInputStream());
					byte[] body = TestServer.ANSWER.getBytes(StandardCharsets.UTF_8);
					OutputStream out = connection.getOutputStream();
					out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: keep-alive\r\n"
							+ "Content-Length: " + body.length + "\r\n\r\n")
						.getBytes(StandardCharsets.US_ASCII));
					out.write(body);
					out.flush();
					sleep(100);
				}
				catch (IOException ex) {
					// closed
				}
			}
		}

		private static void readRequest(InputStream in) throws IOException {
			StringBuilder headers = new StringBuilder();
			while (!headers.toString().endsWith("\r\n\r\n")) {
				int read = in.read();
				if (read < 0) {
					return;
				}
				headers.append((char) read);
			}
			String lower = headers.toString().toLowerCase(java.util.Locale.ROOT);
			int index = lower.indexOf("content-length:");
			if (index >= 0) {
				int end = lower.indexOf("\r\n", index);
				int length = Integer.parseInt(lower.substring(index + 15, end).trim());
				in.readNBytes(length);
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
