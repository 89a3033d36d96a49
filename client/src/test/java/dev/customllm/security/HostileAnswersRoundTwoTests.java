package dev.customllm.security;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmException;
import dev.customllm.LlmRequestException;
import dev.customllm.LlmResponseException;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.ContentPart;
import dev.customllm.completion.Message;
import dev.customllm.http.HttpLogLevel;
import dev.customllm.logging.LogCaptureExtension;
import dev.customllm.logging.LogCaptureExtension.CapturedLog;
import dev.customllm.resilience.RetrySettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Hostile answers, round two (issue 27): each defect met by an attacker or a broken
 * gateway, on loopback, bounded in time.
 */
@ExtendWith(LogCaptureExtension.class)
class HostileAnswersRoundTwoTests {

	static final String KEY = "sk-live-7Qm2Xv9Lp4Rt8Zw3Ny6Kb1Hd5Jf0";

	static final String ANSWER = "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"%s\"}}]}";

	@Test
	void streamedToolCallArgumentsAreReservedFromTheMemoryBudget() throws IOException {
		String arguments = "x".repeat(16 * 1024);
		try (HostileServer server = new HostileServer((exchange) -> {
			OutputStream out = HostileServer.openStream(exchange);
			HostileServer.send(out, "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
					+ "\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]}}]}\n\n");
			for (int i = 0; i < 512; i++) {
				HostileServer.send(out, "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
						+ "\"function\":{\"arguments\":\"" + arguments + "\"}}]}}]}\n\n");
			}
			HostileServer.send(out, "data: [DONE]\n\n");
		}); CustomLlmClient client = client(server).maxBufferedResponseBytes(1024 * 1024).build()) {
			Throwable failure = catchThrowable(() -> client.completionModel("m")
				.stream(CompletionRequest.of("call f"))
				.blockLast(Duration.ofSeconds(20)));
			assertThat(failure).isInstanceOfSatisfying(LlmRequestException.class,
					(limit) -> assertThat(limit.kind()).isEqualTo(LlmRequestException.Kind.CLIENT_LIMIT));
		}
	}

	@Test
	void aSingleEventLargerThanTheMemoryBudgetIsRefusedBeforeItIsBuffered() throws IOException {
		String text = "y".repeat(4 * 1024 * 1024);
		try (HostileServer server = new HostileServer((exchange) -> {
			OutputStream out = HostileServer.openStream(exchange);
			HostileServer.send(out, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"}}]}\n\n");
			HostileServer.send(out, "data: [DONE]\n\n");
		}); CustomLlmClient client = client(server).maxBufferedResponseBytes(1024 * 1024).build()) {
			Throwable failure = catchThrowable(() -> client.completionModel("m")
				.stream(CompletionRequest.of("write"))
				.blockLast(Duration.ofSeconds(20)));
			assertThat(failure).isInstanceOfSatisfying(LlmRequestException.class,
					(limit) -> assertThat(limit.kind()).isEqualTo(LlmRequestException.Kind.CLIENT_LIMIT));
		}
	}

	@Test
	void eventsWithoutContentDoNotKeepAStreamAlive() throws IOException {
		try (HostileServer server = new HostileServer((exchange) -> {
			OutputStream out = HostileServer.openStream(exchange);
			HostileServer.send(out, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n");
			for (int i = 0; i < 40; i++) {
				HostileServer.pause(200);
				HostileServer.send(out, "data: {\"choices\":[{\"index\":0,\"delta\":{}}]}\n\n");
			}
			HostileServer.send(out, "data: [DONE]\n\n");
		}); CustomLlmClient client = client(server).streamIdleTimeout(Duration.ofSeconds(1)).build()) {
			long start = System.nanoTime();
			Throwable failure = catchThrowable(() -> client.completionModel("m")
				.stream(CompletionRequest.of("write"))
				.blockLast(Duration.ofSeconds(20)));
			assertThat(failure).isInstanceOf(LlmRequestException.class);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		}
	}

	@Test
	void listingModelsEndsWithinTheCallTimeoutAgainstATricklingServer() throws IOException {
		try (HostileServer server = new HostileServer((exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			HostileServer.send(out, "{\"data\":[");
			for (int i = 0; i < 30; i++) {
				HostileServer.pause(500);
				HostileServer.send(out, " ");
			}
		}); CustomLlmClient client = client(server).callTimeout(Duration.ofSeconds(2)).build()) {
			long start = System.nanoTime();
			Throwable failure = catchThrowable(() -> client.listModels("/models").block(Duration.ofSeconds(12)));
			assertThat(failure).isInstanceOfSatisfying(LlmRequestException.class,
					(deadline) -> assertThat(deadline.kind()).isEqualTo(LlmRequestException.Kind.DEADLINE));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		}
	}

	@Test
	void aRerankIndexThatIsNotAnIntegerIsRefused() throws IOException {
		try (HostileServer server = new HostileServer((exchange) -> HostileServer.respond(exchange, 200,
				"application/json", "{\"results\":[{\"index\":0.7,\"relevance_score\":0.9}]}"));
				CustomLlmClient client = client(server).build()) {
			Throwable failure = catchThrowable(() -> client.rerankModel("r").rerank("q", List.of("a")));
			assertThat(failure).isInstanceOf(LlmResponseException.class).hasMessageContaining("index");
		}
	}

	@Test
	void theProblemOfAnUnusableAnswerIsMasked() throws IOException {
		try (HostileServer server = new HostileServer((exchange) -> {
			OutputStream out = HostileServer.openStream(exchange);
			HostileServer.send(out, "data: \"Bearer " + KEY + "\"\n\n");
		}); CustomLlmClient client = client(server).build()) {
			LlmResponseException failure = catchThrowableOfType(LlmResponseException.class,
					() -> client.completionModel("m")
						.stream(CompletionRequest.of("x"))
						.blockLast(Duration.ofSeconds(10)));
			assertNoPiece(failure.getMessage(), KEY);
			assertNoPiece(failure.problem(), KEY);
		}
	}

	@Test
	void structuredOutputErrorsAreMasked() throws IOException {
		try (HostileServer server = new HostileServer((exchange) -> HostileServer.respond(exchange, 200,
				"application/json", ANSWER.formatted("not JSON at all: " + KEY)));
				CustomLlmClient client = client(server).build()) {
			LlmResponseException failure = catchThrowableOfType(LlmResponseException.class,
					() -> client.completionModel("m")
						.completeAsync(CompletionRequest.of("x"), City.class)
						.block(Duration.ofSeconds(10)));
			assertNoPiece(failure.getMessage(), KEY);
			assertNoPiece(failure.problem(), KEY);
			assertNoPiece(String.valueOf(failure.rawAnswer()), KEY);
		}
	}

	@Test
	void aKeyAtTheCutOfAnErrorExcerptShowsNoPieceOfIt() throws IOException {
		try (HostileServer server = new HostileServer((exchange) -> HostileServer.respond(exchange, 502, "text/html",
				"<html><body>" + "a".repeat(185) + KEY + "</body></html>"));
				CustomLlmClient client = client(server).build()) {
			LlmException failure = catchThrowableOfType(LlmException.class,
					() -> client.completionModel("m").complete("x"));
			assertNoPiece(failure.getMessage(), KEY);
		}
	}

	@Test
	void baseUrlPasswordsAreNeverPrintedWhateverTheyHoldOrHowTheUrlIsSpelled() {
		for (String url : List.of("http://user:pw/x?k#y-" + KEY + "@host/v1", "http:/\\user:" + KEY + "@host/v1",
				"http:user:" + KEY + "@host/v1", "https://user:" + KEY + "@host:8443/v1")) {
			Throwable failure = catchThrowable(() -> CustomLlmClient.builder().baseUrl(url).build().close());
			assertThat(failure).as(url).isInstanceOf(IllegalArgumentException.class);
			assertNoPiece(failure.getMessage(), KEY);
			assertThat(failure.getMessage()).doesNotContain("pw/x");
		}
	}

	@Test
	void requestLogsAreOneLinePerExchangeWithTheRealStatusAndSecretQueryParametersMasked(CapturedLog log)
			throws IOException {
		try (HostileServer server = new HostileServer((exchange) -> HostileServer.respond(exchange, 201,
				"application/json", ANSWER.formatted("line one\\nline two")));
				CustomLlmClient client = CustomLlmClient.builder()
					.baseUrl(server.baseUrl() + "?api_key=" + KEY)
					.apiKey("sk-other-key-1234567890")
					.header("X-Tenant", "search")
					.retry(RetrySettings.NONE)
					.httpLogging(HttpLogLevel.BODY, 2000)
					.build()) {
			client.completionModel("m").complete("a prompt\nover two lines");
		}
		List<String> lines = log.getAll().lines().filter((line) -> !line.isBlank()).toList();
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0)).contains("dev.customllm.http")
			.contains(" 201 ")
			.contains("X-Tenant: search")
			.contains("a prompt\\\\nover two lines")
			.contains("line one");
		assertNoPiece(lines.get(0), KEY);
	}

	@Test
	void anImageIsEncodedIntoTheRequestWithoutLargeCopies() throws IOException {
		byte[] image = new byte[19 * 1024 * 1024];
		try (HostileServer server = new HostileServer(
				(exchange) -> HostileServer.respond(exchange, 200, "application/json", ANSWER.formatted("a cat")));
				CustomLlmClient client = client(server).maxImageBytes(32 * 1024 * 1024).build()) {
			CompletionModel model = client.completionModel("m");
			com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
				.getThreadMXBean();
			long before = threads.getCurrentThreadAllocatedBytes();
			String text = model
				.complete(CompletionRequest.builder()
					.messages(List.of(Message
						.user(List.of(ContentPart.text("what is it?"), ContentPart.image(image, "image/png")))))
					.build())
				.text();
			long allocated = threads.getCurrentThreadAllocatedBytes() - before;
			assertThat(text).isEqualTo("a cat");
			// the base64 body itself is 4/3 of the image
			assertThat(allocated).isLessThan(2L * image.length);
		}
	}

	record City(String name, int population) {
	}

	private static CustomLlmClient.Builder client(HostileServer server) {
		return CustomLlmClient.builder().baseUrl(server.baseUrl()).apiKey(KEY).retry(RetrySettings.NONE);
	}

	/**
	 * Assert that a text shows no piece of 8 characters of a secret.
	 */
	static void assertNoPiece(String text, String secret) {
		for (String form : List.of(secret, secret.replace("-", ""))) {
			for (int i = 0; i + 8 <= form.length(); i++) {
				assertThat(text).as("a piece of the secret at %d", i).doesNotContain(form.substring(i, i + 8));
			}
		}
	}

}
