package dev.customllm.completion;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmRequestException;
import dev.customllm.LlmResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests that streams of the Responses API follow the rules of chat streams at the
 * connection level: cancellation releases the connection, the memory bound cuts endless
 * function arguments, silence beyond the idle timeout fails, and a stream is over at
 * {@code response.completed} (no {@code data: [DONE]} follows) with its connection back
 * in the pool.
 *
 * @author Custom LLM team
 */
class ResponsesStreamConnectionTests {

	private static final String CREATED = event("response.created",
			"\"response\":{\"id\":\"resp_1\",\"status\":\"in_progress\",\"model\":\"m\",\"output\":[],\"error\":null}");

	private static final String COMPLETED = event("response.completed",
			"\"response\":{\"id\":\"resp_1\",\"status\":\"completed\",\"model\":\"m\",\"output\":[],"
					+ "\"usage\":{\"input_tokens\":3,\"output_tokens\":2,\"total_tokens\":5}}");

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	@Test
	void cancellingReleasesTheConnectionAtOnce() throws Exception {
		EventStreamServer server = server((exchange) -> {
			exchange.openEventStream().send(CREATED);
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
		assertThat(chunks).extracting(CompletionChunk::text).containsExactly("word0 ", "word1 ", "word2 ");
		awaitTrue(() -> client.connectionPool().acquired() == 0, Duration.ofSeconds(1));
		awaitTrue(() -> server.closedByClient() == 1, Duration.ofSeconds(2));
	}

	@Test
	void endlessFunctionArgumentsFailAtMaxResponseSizeAndReleaseTheConnection() throws Exception {
		String piece = event("response.function_call_arguments.delta",
				"\"output_index\":0,\"delta\":\"" + "A".repeat(8192) + "\"");
		EventStreamServer server = server((exchange) -> {
			exchange.openEventStream()
				.send(CREATED)
				.send(event("response.output_item.added", "\"output_index\":0,\"item\":{\"type\":\"function_call\","
						+ "\"call_id\":\"call_1\",\"name\":\"f\",\"arguments\":\"\"}"));
			for (int i = 0; i < 100_000; i++) {
				exchange.send(piece);
			}
			exchange.end();
		});
		CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl(server.baseUrl())
			.completionApi(CompletionApi.RESPONSES)
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
	void silenceBeyondTheStreamIdleTimeoutFailsDespiteKeepAlives() throws Exception {
		EventStreamServer server = server((exchange) -> {
			exchange.openEventStream().send(CREATED).send(text("first"));
			for (int i = 0; i < 30; i++) {
				exchange.send(": keep-alive\n\n").pause(100);
			}
			exchange.send(COMPLETED).end();
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
	void streamIsOverAtResponseCompletedAndItsConnectionIsReused() throws Exception {
		EventStreamServer server = server((exchange) -> {
			exchange.openEventStream().send(CREATED).send(text("Hello")).send(text(" there")).send(COMPLETED).end();
		});
		CustomLlmClient client = client(server, Duration.ofSeconds(5));
		for (int i = 0; i < 3; i++) {
			List<CompletionChunk> chunks = client.completionModel("m")
				.stream(CompletionRequest.of("Hi"))
				.collectList()
				.block(Duration.ofSeconds(5));
			assertThat(String.join("", chunks.stream().map(CompletionChunk::text).toList())).isEqualTo("Hello there");
			assertThat(chunks.get(chunks.size() - 1).usage().totalTokens()).isEqualTo(5);
			awaitTrue(() -> client.connectionPool().acquired() == 0, Duration.ofSeconds(1));
		}
		assertThat(server.connections()).isEqualTo(1);
	}

	@Test
	void aBodyLeftOpenAfterResponseCompletedEndsAfterTheGraceTimeOfDone() throws Exception {
		EventStreamServer server = server((exchange) -> {
			exchange.openEventStream().send(CREATED).send(text("Hello")).send(COMPLETED).pause(4000).end();
		});
		CustomLlmClient client = client(server, Duration.ofSeconds(10));
		long start = System.nanoTime();
		List<CompletionChunk> chunks = client.completionModel("m")
			.stream(CompletionRequest.of("Hi"))
			.takeUntil(CompletionChunk::last)
			.collectList()
			.block(Duration.ofSeconds(10));
		// as after data: [DONE], the rest of the body is read for a grace time of 2 s at
		// most
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3500));
		assertThat(chunks.get(chunks.size() - 1).last()).isTrue();
	}

	private EventStreamServer server(EventStreamServer.Script script) throws IOException {
		EventStreamServer server = new EventStreamServer(script);
		this.resources.add(server);
		return server;
	}

	private CustomLlmClient client(EventStreamServer server, Duration timeout) {
		CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl(server.baseUrl())
			.completionApi(CompletionApi.RESPONSES)
			.responseTimeout(timeout)
			.streamIdleTimeout(timeout)
			.build();
		this.resources.add(client);
		return client;
	}

	private static String text(String delta) {
		return event("response.output_text.delta",
				"\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"delta\":\"" + delta + "\"");
	}

	private static String event(String type, String members) {
		return "event: " + type + "\ndata: {\"type\":\"" + type + "\"," + members + "}\n\n";
	}

	private static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition not met within %s", timeout).isLessThan(deadline);
			Thread.sleep(10);
		}
	}

}
