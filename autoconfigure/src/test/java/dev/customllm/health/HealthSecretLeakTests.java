package dev.customllm.health;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.customllm.CustomLlmClient;
import dev.customllm.resilience.RetrySettings;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health probe against a hostile service (issue 27): the key, echoed at every offset
 * around the cut of an error excerpt or among the model ids, shows no piece of 8
 * characters in any detail; a key in the base URL's query neither; and a service that
 * trickles its model list one byte a second gets an answer within the call timeout.
 */
class HealthSecretLeakTests {

	private static final String KEY = "sk-hlth-Q8w2E4r6T8y0U2i4O6p8";

	private final AtomicInteger offset = new AtomicInteger();

	private HttpServer server;

	private volatile String mode = "html";

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
		this.server.createContext("/", (exchange) -> {
			try (exchange) {
				if (this.mode.equals("trickle")) {
					exchange.sendResponseHeaders(200, 0);
					OutputStream out = exchange.getResponseBody();
					for (int i = 0; i < 20; i++) {
						out.write(' ');
						out.flush();
						Thread.sleep(1000);
					}
					return;
				}
				String body = this.mode.equals("html")
						? "<html><p>" + "a".repeat(this.offset.get()) + KEY + "</p></html>"
						: "{\"data\":[{\"id\":\"" + KEY + "\"}]}";
				byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders()
					.set("Content-Type", this.mode.equals("html") ? "text/html" : "application/json");
				exchange.sendResponseHeaders(this.mode.equals("html") ? 503 : 200, bytes.length);
				exchange.getResponseBody().write(bytes);
			}
			catch (IOException | InterruptedException ex) {
				// the client went away
			}
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	private CustomLlmClient client(String baseUrl) {
		return CustomLlmClient.builder()
			.baseUrl(baseUrl)
			.apiKey(KEY)
			.retry(RetrySettings.NONE)
			.callTimeout(Duration.ofSeconds(2))
			.build();
	}

	private String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1";
	}

	@Test
	void noDetailShowsAPieceOfTheKeyWhateverItsOffset() {
		try (CustomLlmClient client = client(baseUrl())) {
			for (int at = 150; at <= 205; at++) {
				this.offset.set(at);
				Health health = new CustomLlmHealthIndicator(client, "/models", Duration.ofMillis(1)).health().block();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertNoPiece(health.getDetails().toString());
			}
			this.mode = "models";
			Health health = new CustomLlmHealthIndicator(client, "/models", Duration.ofMillis(1)).health().block();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertNoPiece(health.getDetails().toString());
		}
		try (CustomLlmClient client = client(baseUrl() + "?api_key=" + KEY)) {
			Health health = new CustomLlmHealthIndicator(client, "/models", Duration.ofMillis(1)).health().block();
			assertNoPiece(health.getDetails().toString());
		}
	}

	@Test
	void aTricklingServiceGetsAnAnswerWithinTheCallTimeout() {
		this.mode = "trickle";
		try (CustomLlmClient client = client(baseUrl())) {
			long start = System.nanoTime();
			Health health = new CustomLlmHealthIndicator(client, "/models", Duration.ofMillis(1)).health()
				.block(Duration.ofSeconds(15));
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(String.valueOf(health.getDetails().get("error"))).contains("call timeout");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		}
	}

	private static void assertNoPiece(String text) {
		for (String form : new String[] { KEY, KEY.replace("-", "") }) {
			for (int i = 0; i + 8 <= form.length(); i++) {
				assertThat(text).as("a piece of the key at %d", i).doesNotContain(form.substring(i, i + 8));
			}
		}
	}

}
