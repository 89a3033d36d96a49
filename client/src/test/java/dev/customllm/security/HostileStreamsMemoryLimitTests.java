package dev.customllm.security;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmException;
import dev.customllm.LlmRequestException;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.ContentPart;
import dev.customllm.completion.Message;
import dev.customllm.internal.http.ResponseMemory;
import dev.customllm.resilience.RetrySettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The hostile streams of issue 27, all at once, in a JVM of 256 MB that exits on any
 * {@link OutOfMemoryError} ({@code -XX:+ExitOnOutOfMemoryError}, the surefire execution
 * {@code memory-limit}): endless tool-call arguments, single events of 10 and 30 million
 * characters, content-free keep-alive deltas, a trickling model list and 19 MB images.
 * Every caller ends within its deadline with an answer or a typed error, and the shared
 * memory budget (a quarter of the heap) is back to zero. Loopback only.
 */
class HostileStreamsMemoryLimitTests {

	private static final byte[] PIECE = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);

	private static final Duration CALLER_DEADLINE = Duration.ofSeconds(40);

	@Test
	@Timeout(120)
	void hostileStreamsAtOnceNeverExhaustTheHeapAndEveryCallerEnds() throws IOException {
		// runs in the surefire execution memory-limit (-Xmx256m); the default one, run
		// with
		// -Dtest, skips it
		assumeTrue(Runtime.getRuntime().maxMemory() <= 300L * 1024 * 1024, "needs -Xmx256m (execution memory-limit)");
		try (HostileServer server = new HostileServer(HostileStreamsMemoryLimitTests::answer);
				CustomLlmClient client = CustomLlmClient.builder()
					.baseUrl(server.baseUrl())
					.apiKey(HostileAnswersRoundTwoTests.KEY)
					.retry(RetrySettings.NONE)
					.callTimeout(Duration.ofSeconds(20))
					.responseTimeout(Duration.ofSeconds(10))
					.streamIdleTimeout(Duration.ofSeconds(3))
					.maxImageBytes(32 * 1024 * 1024)
					.build()) {
			CompletionModel model = client.completionModel("m");
			byte[] image = new byte[19 * 1024 * 1024];
			List<Mono<String>> callers = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				callers.add(stream(model, "tools"));
			}
			for (int i = 0; i < 3; i++) {
				callers.add(stream(model, "event30"));
			}
			for (int i = 0; i < 20; i++) {
				callers.add(stream(model, "event10"));
			}
			callers.add(stream(model, "empty"));
			for (int i = 0; i < 8; i++) {
				callers.add(Mono
					.fromCallable(() -> CompletionRequest.builder()
						.messages(List.of(Message
							.user(List.of(ContentPart.text("image"), ContentPart.image(image, "image/png")))))
						.build())
					.flatMap(model::completeAsync)
					.map((answer) -> "answer")
					.subscribeOn(Schedulers.boundedElastic()));
			}
			callers.add(client.listModels("/models").map((models) -> "answer"));
			Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
			List<Throwable> untyped = new ArrayList<>();
			long start = System.nanoTime();
			Flux.fromIterable(callers)
				.flatMap((caller) -> caller.timeout(CALLER_DEADLINE)
					.onErrorResume((failure) -> Mono.just(outcome(failure, untyped))), callers.size())
				.doOnNext(
						(outcome) -> outcomes.computeIfAbsent(outcome, (key) -> new AtomicInteger()).incrementAndGet())
				.blockLast(Duration.ofSeconds(90));
			System.out
				.println("outcomes in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms: " + outcomes);
			synchronized (untyped) {
				assertThat(untyped).as("callers that hung or failed untyped").isEmpty();
			}
			assertThat(outcomes.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(callers.size());
			assertThat(outcomes).containsKey("CLIENT_LIMIT");
			assertThat(ResponseMemory.shared().reserved()).isZero();
		}
	}

	private static Mono<String> stream(CompletionModel model, String kind) {
		return model.stream(CompletionRequest.builder().model(kind).prompt("go").build()).then(Mono.just("answer"));
	}

	private static String outcome(Throwable failure, List<Throwable> untyped) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof OutOfMemoryError) {
				synchronized (untyped) {
					untyped.add(failure);
				}
				return "OOM";
			}
		}
		if (failure instanceof LlmRequestException request) {
			return request.kind().name();
		}
		if (failure instanceof LlmException) {
			String message = String.valueOf(failure.getMessage());
			return failure.getClass().getSimpleName() + ": "
					+ message.replaceAll("[0-9]+", "N").substring(0, Math.min(message.length(), 90));
		}
		synchronized (untyped) {
			untyped.add(failure);
		}
		return "untyped " + failure.getClass().getSimpleName();
	}

	private static void answer(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		if (path.endsWith("/models")) {
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			HostileServer.send(out, "{\"data\":[");
			for (int i = 0; i < 60; i++) {
				HostileServer.pause(1000);
				HostileServer.send(out, " ");
			}
			return;
		}
		String body = HostileServer.head(exchange);
		if (!body.contains("\"stream\":true")) {
			HostileServer.respond(exchange, 200, "application/json",
					HostileAnswersRoundTwoTests.ANSWER.formatted("a picture"));
			return;
		}
		OutputStream out = HostileServer.openStream(exchange);
		if (body.contains("\"model\":\"tools\"")) {
			HostileServer.send(out, "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
					+ "\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]}}]}\n\n");
			byte[] event = ("data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
					+ "\"function\":{\"arguments\":\"" + new String(PIECE, StandardCharsets.US_ASCII) + "\"}}]}}]}\n\n")
				.getBytes(StandardCharsets.US_ASCII);
			long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (System.nanoTime() < end) {
				out.write(event);
				out.flush();
			}
		}
		else if (body.contains("\"model\":\"event30\"") || body.contains("\"model\":\"event10\"")) {
			int pieces = (body.contains("event30") ? 30_000_000 : 10_000_000) / PIECE.length;
			out.write("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"".getBytes(StandardCharsets.US_ASCII));
			for (int i = 0; i < pieces; i++) {
				out.write(PIECE);
			}
			HostileServer.send(out, "\"}}]}\n\ndata: [DONE]\n\n");
		}
		else {
			HostileServer.send(out, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n");
			for (int i = 0; i < 200; i++) {
				HostileServer.pause(200);
				HostileServer.send(out, "data: {\"choices\":[{\"index\":0,\"delta\":{}}]}\n\n");
			}
		}
	}

}
