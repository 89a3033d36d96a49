package dev.customllm.completion;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmRequestException;
import dev.customllm.LlmResponseException;
import dev.customllm.http.TestTransport;
import dev.customllm.resilience.RateLimitSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests of streams at the connection level: cancellation, connection reuse, cut
 * connections, packets split anywhere, backpressure, memory and timeouts, whichever way
 * the client makes its exchanges.
 *
 * @author Custom LLM team
 */
@ParameterizedClass
@EnumSource(TestTransport.class)
class StreamConnectionTests {

	private static final String ROLE = chunk("{\"role\":\"assistant\",\"content\":\"\"}", null);

	private static final String DONE = "data: [DONE]\n\n";

	private final List<AutoCloseable> resources = new ArrayList<>();

	@Parameter
	TestTransport transport;

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	@Test
	void cancellingReleasesTheConnectionAtOnce() throws Exception {
		EventStreamServer server = server((exchange) -> {
			exchange.openEventStream().send(ROLE);
			for (int i = 0; i < 1000; i++) {
				exchange.send(text("word" + i + " ")).pause(20);
			}
			exchange.end();
		});
		CustomLlmClient client = client(server, Duration.ofSeconds(5));
		List<CompletionChunk> chunks = client.completionModel("m")
			.stream(CompletionRequest.of("Talk forever"))
			.take(3)
			.collectList()
			.block(Duration.ofSeconds(5));
		long cancelled = System.nanoTime();
		assertThat(chunks).extracting(CompletionChunk::text).containsExactly("word0 ", "word1 ", "word2 ");
		awaitTrue(() -> acquired(client) == 0, Duration.ofSeconds(1));
		assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).isLessThan(Duration.ofMillis(500));
		awaitTrue(() -> server.closedByClient() == 1, Duration.ofSeconds(2));
	}

	@Test
	void endlessToolCallArgumentsFailAtMaxResponseSizeAndReleaseTheConnection() throws Exception {
		String piece = chunk(
				"{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"" + "A".repeat(8192) + "\"}}]}", null);
		EventStreamServer server = server((exchange) -> {
			exchange.openEventStream()
				.send(ROLE)
				.send(chunk(
						"{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]}",
						null));
			for (int i = 0; i < 100_000; i++) {
				exchange.send(piece);
			}
			exchange.end();
		});
		CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl(server.baseUrl())
			.maxResponseSize(256 * 1024)
			.build();
		this.resources.add(client);
		Throwable failure = catchThrowable(() -> client.completionModel("m")
			.stream(CompletionRequest.of("Call a tool"))
			.collectList()
			.block(Duration.ofSeconds(10)));
		assertThat(failure).isInstanceOf(LlmResponseException.class)
			.hasMessageContaining("streamed tool calls are larger than max-response-size (262144 characters");
		awaitTrue(() -> client.connectionPool().acquired() == 0, Duration.ofSeconds(2));
	}

	@Test
	void tooManyToolCallsInOneStreamFailAtMaxToolCalls() throws Exception {
		EventStreamServer server = server((exchange) -> {
			exchange.openEventStream().send(ROLE);
			for (int i = 0; i < 200_000; i++) {
				exchange.send(chunk("{\"tool_calls\":[{\"index\":" + i + ",\"id\":\"c" + i
						+ "\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}", null));
			}
			exchange.end();
		});
		CustomLlmClient client = CustomLlmClient.builder().baseUrl(server.baseUrl()).maxToolCalls(16).build();
		this.resources.add(client);
		Throwable failure = catchThrowable(() -> client.completionModel("m")
			.stream(CompletionRequest.of("Call tools"))
			.collectList()
			.block(Duration.ofSeconds(10)));
		assertThat(failure).isInstanceOf(LlmResponseException.class)
			.hasMessageContaining("more than 16 tool calls (max-tool-calls)");
		awaitTrue(() -> client.connectionPool().acquired() == 0, Duration.ofSeconds(2));
	}

	@Test
	void disposingASubscriptionReleasesTheConnection() throws Exception {
		EventStreamServer server = server((exchange) -> {
			exchange.openEventStream();
			for (int i = 0; i < 1000; i++) {
				exchange.send(": keep-alive\n\n").send(text("x")).pause(20);
			}
			exchange.end();
		});
		CustomLlmClient client = client(server, Duration.ofSeconds(5));
		AtomicInteger received = new AtomicInteger();
		reactor.core.Disposable subscription = client.completionModel("m")
			.stream(CompletionRequest.of("Talk"))
			.subscribe((chunk) -> received.incrementAndGet());
		awaitTrue(() -> received.get() >= 2, Duration.ofSeconds(2));
		assertThat(acquired(client)).isEqualTo(1);
		subscription.dispose();
		awaitTrue(() -> acquired(client) == 0, Duration.ofMillis(500));
		awaitTrue(() -> server.closedByClient() == 1, Duration.ofSeconds(2));
	}

	@Test
	void completedStreamsGiveTheirConnectionBackForTheNextCall() throws Exception {
		EventStreamServer server = server((exchange) -> {
			exchange.openEventStream().send(ROLE).send(text("Hello")).send(text(" there")).send(DONE).end();
		});
		CustomLlmClient client = client(server, Duration.ofSeconds(5));
		for (int i = 0; i < 3; i++) {
			assertThat(joined(client.completionModel("m").stream(CompletionRequest.of("Hi")).collectList().block()))
				.isEqualTo("Hello there");
			awaitTrue(() -> acquired(client) == 0, Duration.ofSeconds(1));
		}
		assertThat(server.connections()).isEqualTo(1);
	}

	@Test
	void connectionDroppedMidStreamDeliversWhatArrivedThenFails() throws Exception {
		EventStreamServer server = server((exchange) -> {
			exchange.openEventStream().send(ROLE).send(text("Once upon")).send(text(" a time")).pause(100).cut();
		});
		CustomLlmClient client = client(server, Duration.ofSeconds(5));
		List<String> texts = new ArrayList<>();
		Throwable failure = catchThrowable(() -> client.completionModel("m")
			.stream(CompletionRequest.of("Story"))
			.doOnNext((chunk) -> texts.add(chunk.text()))
			.blockLast(Duration.ofSeconds(5)));
		assertThat(texts).containsExactly("Once upon", " a time");
		assertThat(failure).isInstanceOf(LlmResponseException.class).hasMessageContaining("stream cut before");
		awaitTrue(() -> acquired(client) == 0, Duration.ofSeconds(1));
	}

	@Test
	void streamCutBeforeItsFirstEventIsRetriedLikeAUnaryCall() throws Exception {
		AtomicInteger attempts = new AtomicInteger();
		EventStreamServer server = server((exchange) -> {
			if (attempts.incrementAndGet() == 1) {
				exchange.openEventStream().send(": keep-alive\n\n").pause(50).cut();
				return;
			}
			exchange.openEventStream().send(ROLE).send(text("Hello")).send(DONE).end();
		});
		CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl(server.baseUrl())
			.retry(dev.customllm.resilience.RetrySettings.builder()
				.delay(Duration.ofMillis(10))
				.maxDelay(Duration.ofMillis(20))
				.jitter(0)
				.maxRetryAfter(Duration.ofSeconds(1))
				.build())
			.build();
		this.resources.add(client);
		assertThat(joined(client.completionModel("m")
			.stream(CompletionRequest.of("Hi"))
			.collectList()
			.block(Duration.ofSeconds(10)))).isEqualTo("Hello");
		assertThat(attempts.get()).isEqualTo(2);
		awaitTrue(() -> client.connectionPool().acquired() == 0, Duration.ofSeconds(2));
	}

	@Test
	void streamArrivingOneBytePerPacketIsReadExactly() throws Exception {
		String answer = "Grüße aus Köln — 日本語 🌍🚀 done";
		StringBuilder stream = new StringBuilder(": ping\r\n\r\n").append(ROLE.replace("\n", "\r\n"));
		for (String piece : List.of("Grüße aus", " Köln — ", "日本語 🌍", "🚀 done")) {
			stream.append(text(piece));
		}
		stream.append(chunk("{}", "stop")).append(": keep-alive\r\r");
		stream.append("data: {\"choices\":[],\"usage\":")
			.append("{\"prompt_tokens\":5,\"completion_tokens\":9,\"total_tokens\":14}}\n\n");
		stream.append("data: [DONE]");
		EventStreamServer server = server(
				(exchange) -> exchange.openEventStream().sendByteByByte(stream.toString()).end());
		CustomLlmClient client = client(server, Duration.ofSeconds(5));
		List<CompletionChunk> chunks = client.completionModel("m")
			.stream(CompletionRequest.of("Greet"))
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(joined(chunks)).isEqualTo(answer);
		assertThat(chunks).hasSize(5);
		CompletionChunk last = chunks.get(4);
		assertThat(last.last()).isTrue();
		assertThat(last.finishReason()).isEqualTo("stop");
		assertThat(last.usage()).isEqualTo(Usage.of(5, 9, 14));
	}

	@Test
	void slowSubscriberHoldsTheServerBackInsteadOfBufferingTheStream() throws Exception {
		int events = 10_000;
		String piece = "a".repeat(3000);
		long total = (long) events * text(piece).length();
		EventStreamServer server = server((exchange) -> {
			exchange.openEventStream();
			for (int i = 0; i < events; i++) {
				exchange.send(text(piece));
			}
			exchange.send(DONE).end();
		});
		CustomLlmClient client = client(server, Duration.ofSeconds(30));
		AtomicInteger received = new AtomicInteger();
		AtomicInteger completed = new AtomicInteger();
		BaseSubscriber<CompletionChunk> subscriber = new BaseSubscriber<>() {

			@Override
			protected void hookOnSubscribe(Subscription subscription) {
				request(10);
			}

			@Override
			protected void hookOnNext(CompletionChunk chunk) {
				received.incrementAndGet();
			}

			@Override
			protected void hookOnComplete() {
				completed.incrementAndGet();
			}

		};
		client.completionModel("m").stream(CompletionRequest.of("Long")).subscribe(subscriber);
		awaitTrue(() -> received.get() == 10, Duration.ofSeconds(5));
		Thread.sleep(1000);
		assertThat(received.get()).isEqualTo(10);
		assertThat(server.bytesWritten()).isLessThan(total / 2);
		subscriber.requestUnbounded();
		awaitTrue(() -> completed.get() == 1, Duration.ofSeconds(30));
		assertThat(received.get()).isEqualTo(events + 1);
	}

	@Test
	void tenThousandChunksRunInBoundedMemory() throws Exception {
		int events = 10_000;
		String piece = "b".repeat(3000);
		EventStreamServer server = server((exchange) -> {
			exchange.openEventStream().send(ROLE);
			for (int i = 0; i < events; i++) {
				exchange.send(text(piece));
			}
			exchange.send(chunk("{}", "stop")).send(DONE).end();
		});
		CustomLlmClient client = this.transport.builder()
			.baseUrl(server.baseUrl())
			.maxResponseSize(64 * 1024)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
		this.resources.add(client);
		AtomicLong early = new AtomicLong();
		AtomicLong late = new AtomicLong();
		AtomicLong characters = new AtomicLong();
		AtomicInteger count = new AtomicInteger();
		client.completionModel("m").stream(CompletionRequest.of("Long")).doOnNext((chunk) -> {
			characters.addAndGet(chunk.text().length());
			int n = count.incrementAndGet();
			if (n == 1_000) {
				early.set(usedHeapAfterGc());
			}
			if (n == 9_500) {
				late.set(usedHeapAfterGc());
			}
		}).blockLast(Duration.ofSeconds(60));
		assertThat(count.get()).isEqualTo(events + 1);
		assertThat(characters.get()).isEqualTo(events * 3000L);
		assertThat(late.get() - early.get()).as("heap growth over 8,500 chunks of 3 KB").isLessThan(8L * 1024 * 1024);
	}

	@Test
	void silenceBeyondTheStreamIdleTimeoutFailsDespiteKeepAlives() throws Exception {
		EventStreamServer server = server((exchange) -> {
			exchange.openEventStream().send(text("first"));
			for (int i = 0; i < 30; i++) {
				exchange.send(": keep-alive\n\n").pause(100);
			}
			exchange.send(DONE).end();
		});
		CustomLlmClient client = client(server, Duration.ofMillis(400));
		List<String> texts = new ArrayList<>();
		Throwable failure = catchThrowable(() -> client.completionModel("m")
			.stream(CompletionRequest.of("Hi"))
			.doOnNext((chunk) -> texts.add(chunk.text()))
			.blockLast(Duration.ofSeconds(5)));
		assertThat(texts).containsExactly("first");
		assertThat(failure).isInstanceOfSatisfying(LlmRequestException.class,
				(ex) -> assertThat(ex.kind()).isEqualTo(LlmRequestException.Kind.RESPONSE_TIMEOUT));
	}

	@Test
	void healthyStreamOutlivesTheResponseTimeoutAndTheCallTimeout() throws Exception {
		EventStreamServer server = server((exchange) -> {
			exchange.openEventStream();
			for (int i = 0; i < 12; i++) {
				exchange.send(text(i + " ")).pause(100);
			}
			exchange.send(DONE).end();
		});
		CustomLlmClient client = this.transport.builder()
			.baseUrl(server.baseUrl())
			.responseTimeout(Duration.ofMillis(400))
			.callTimeout(Duration.ofMillis(500))
			.build();
		this.resources.add(client);
		List<CompletionChunk> chunks = client.completionModel("m")
			.stream(CompletionRequest.of("Count"))
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(joined(chunks)).isEqualTo("0 1 2 3 4 5 6 7 8 9 10 11 ");
	}

	@Test
	void pausesBetweenChunksAreBoundByTheStreamIdleTimeoutNotTheResponseTimeout() throws Exception {
		EventStreamServer server = server((exchange) -> {
			exchange.openEventStream().send(text("a")).pause(700);
			exchange.send(text("b")).pause(700);
			exchange.send(DONE).end();
		});
		CustomLlmClient client = this.transport.builder()
			.baseUrl(server.baseUrl())
			.responseTimeout(Duration.ofMillis(300))
			.streamIdleTimeout(Duration.ofSeconds(2))
			.build();
		this.resources.add(client);
		List<CompletionChunk> chunks = client.completionModel("m")
			.stream(CompletionRequest.of("Slowly"))
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(joined(chunks)).isEqualTo("ab");
	}

	@Test
	void aStreamHoldsItsConcurrencyPermitUntilItEnds() throws Exception {
		EventStreamServer server = server((exchange) -> {
			exchange.openEventStream().send(text("a")).pause(800);
			exchange.send(text("b")).send(DONE).end();
		});
		CustomLlmClient client = this.transport.builder()
			.baseUrl(server.baseUrl())
			.rateLimits(RateLimitSettings.of(1, null, Duration.ofMillis(200)))
			.build();
		this.resources.add(client);
		CompletionModel model = client.completionModel("m");
		Mono<List<CompletionChunk>> first = model.stream(CompletionRequest.of("first")).collectList().cache();
		first.subscribe();
		Thread.sleep(300);
		Throwable refused = catchThrowable(
				() -> model.stream(CompletionRequest.of("second")).blockLast(Duration.ofSeconds(5)));
		assertThat(refused).isInstanceOfSatisfying(LlmRequestException.class,
				(ex) -> assertThat(ex.kind()).isEqualTo(LlmRequestException.Kind.CLIENT_LIMIT));
		assertThat(joined(first.block(Duration.ofSeconds(5)))).isEqualTo("ab");
		assertThat(joined(model.stream(CompletionRequest.of("third")).collectList().block(Duration.ofSeconds(5))))
			.isEqualTo("ab");
	}

	private EventStreamServer server(EventStreamServer.Script script) throws IOException {
		EventStreamServer server = new EventStreamServer(script);
		this.resources.add(server);
		return server;
	}

	private CustomLlmClient client(EventStreamServer server, Duration timeout) {
		CustomLlmClient client = this.transport.builder()
			.baseUrl(server.baseUrl())
			.responseTimeout(timeout)
			.streamIdleTimeout(timeout)
			.build();
		this.resources.add(client);
		return client;
	}

	private int acquired(CustomLlmClient client) {
		return this.transport.pool(client).acquired();
	}

	private static String text(String content) {
		return chunk("{\"content\":\"" + content + "\"}", null);
	}

	private static String chunk(String delta, @Nullable String finishReason) {
		String finish = (finishReason != null) ? "\"" + finishReason + "\"" : "null";
		return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\","
				+ "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]}\n\n";
	}

	private static String joined(@Nullable List<CompletionChunk> chunks) {
		assertThat(chunks).isNotNull();
		return String.join("", chunks.stream().map(CompletionChunk::text).toList());
	}

	private static long usedHeapAfterGc() {
		Runtime runtime = Runtime.getRuntime();
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return runtime.totalMemory() - runtime.freeMemory();
	}

	private static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition not met within %s", timeout).isLessThan(deadline);
			Thread.sleep(5);
		}
	}

}
