package dev.customllm.internal.http;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import dev.customllm.LlmApiException;
import dev.customllm.LlmOperation;
import dev.customllm.LlmRequestException;
import dev.customllm.LlmResponseException;
import dev.customllm.http.HttpAnswer;
import dev.customllm.http.HttpCall;
import dev.customllm.http.HttpSender;
import dev.customllm.internal.json.LlmJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link HttpExchange} on senders that answer without a network: the request it
 * hands over, the timeouts it applies, and the rule of {@link HttpAnswer#body()}: each
 * buffer is read during the signal that delivers it, after which the sender takes it back
 * (and here overwrites it, as a pool would reuse it), and the client changes none.
 *
 * @author Custom LLM team
 */
class HttpExchangeTests {

	private static final URI CHAT = URI.create("http://localhost/v1/chat/completions");

	private static final HttpSettings SETTINGS = new HttpSettings("http://localhost/v1", "sk-secret-key",
			Map.of("X-Tenant", "search"), Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofMillis(300), 1,
			Duration.ofSeconds(1), 4096, null);

	private final List<ByteBuffer> lent = new CopyOnWriteArrayList<>();

	private final List<ByteBuffer> emitted = new CopyOnWriteArrayList<>();

	private final List<ByteBuffer> takenBack = new CopyOnWriteArrayList<>();

	@Test
	void handsOverTheClientsHeadersAndThoseOfTheRequestHook() {
		AtomicReference<HttpCall> sent = new AtomicReference<>();
		HttpSender sender = (call) -> {
			sent.set(call);
			return answer(200, Map.of(), "{\"ok\":true}");
		};
		RequestHook tracing = (context, headers) -> headers.accept("traceparent", "00-trace-span-01");
		HttpExchange transport = new HttpExchange(SETTINGS, sender, LlmJson.mapper(), tracing);
		transport.post(LlmOperation.CHAT, CHAT, bytes("{\"model\":\"m\"}"), JsonNode.class).block();
		assertThat(sent.get().method()).isEqualTo("POST");
		assertThat(sent.get().uri()).isEqualTo(CHAT);
		assertThat(sent.get().stream()).isFalse();
		assertThat(new String(sent.get().body(), StandardCharsets.UTF_8)).isEqualTo("{\"model\":\"m\"}");
		assertThat(sent.get().headers()).containsEntry("content-type", "application/json")
			.containsEntry("accept", "application/json")
			.containsEntry("X-Tenant", "search")
			.containsEntry("authorization", "Bearer sk-secret-key")
			.containsEntry("traceparent", "00-trace-span-01")
			.containsKey("user-agent");
		assertThat(sent.get().toString()).doesNotContain("sk-secret-key");
		transport.stream(LlmOperation.CHAT, CHAT, bytes("{}"), JsonNode.class).block();
		assertThat(sent.get().stream()).isTrue();
		assertThat(sent.get().headers()).containsEntry("accept", "text/event-stream, application/json");
		transport.get(LlmOperation.MODELS, URI.create("http://localhost/v1/models"), JsonNode.class).block();
		assertThat(sent.get().method()).isEqualTo("GET");
		assertThat(sent.get().body()).isNull();
		assertThat(sent.get().headers()).doesNotContainKey("content-type");
	}

	@Test
	void releasesEachBufferOfAUnaryAnswerOnceRead() {
		JsonNode answer = transport(answer(200, Map.of(), "{\"choices\":", "[{\"index\":0}", "]}"))
			.post(LlmOperation.CHAT, CHAT, bytes("{}"), JsonNode.class)
			.block();
		assertThat(answer.get("choices")).hasSize(1);
		assertReleased(3);
	}

	@Test
	void releasesEachBufferOfAnErrorAnswer() {
		Throwable failure = post(
				answer(429, Map.of("Retry-After", "7"), "{\"error\":", "{\"message\":\"slow down\"}}"));
		assertThat(failure).isInstanceOfSatisfying(LlmApiException.class, (ex) -> {
			assertThat(ex.status()).isEqualTo(429);
			assertThat(ex.error().message()).isEqualTo("slow down");
			assertThat(ex.retryAfter()).contains(Duration.ofSeconds(7));
		});
		assertReleased(2);
	}

	@Test
	void cancelsAnAnswerLargerThanTheMaximumAndReleasesWhatWasRead() {
		String piece = "x".repeat(1500);
		Throwable failure = post(answer(200, Map.of(), "{\"a\":\"" + piece, piece, piece, piece, "\"}"));
		assertThat(failure).isInstanceOf(LlmResponseException.class).hasMessageContaining("max-response-size");
		assertReleased(3);
	}

	@Test
	void leavesTheBodyUnreadWhenItsAnnouncedLengthIsTooLarge() {
		Throwable failure = post(answer(200, Map.of("Content-Length", "100000"), "{}"));
		assertThat(failure).isInstanceOf(LlmResponseException.class).hasMessageContaining("max-response-size");
		assertReleased(0);
	}

	@Test
	void handsEachBufferOfAParsedAnswerToTheParserAndReleasesItOnceRead() {
		ParsingBodyTests.RecordingParser parser = new ParsingBodyTests.RecordingParser();
		String answer = transport(answer(200, Map.of(), "{\"data\":", "[1,2", "]}"))
			.post(LlmOperation.EMBEDDINGS, CHAT, bytes("{}"), () -> parser)
			.block();
		assertThat(answer).isEqualTo("{\"data\":[1,2]}");
		assertThat(parser.feeds).hasSize(3);
		assertThat(parser.closed).isTrue();
		assertReleased(3);
	}

	@Test
	void parsedAnswerThatIsAnErrorObjectIsTheProvidersError() {
		Throwable failure = catchThrowable(
				() -> transport(answer(200, Map.of(), "{\"err", "or\":{\"message\":\"overloaded\"}}"))
					.post(LlmOperation.EMBEDDINGS, CHAT, bytes("{}"), ParsingBodyTests.RecordingParser::new)
					.block(Duration.ofSeconds(5)));
		assertThat(failure).isInstanceOfSatisfying(LlmApiException.class,
				(ex) -> assertThat(ex.error().message()).isEqualTo("overloaded"));
		assertReleased(2);
	}

	@Test
	void parsedAnswerIsBoundedAndItsBuffersReleasedWhenItGrowsPastTheMaximum() {
		String piece = "x".repeat(1500);
		Throwable failure = catchThrowable(
				() -> transport(answer(200, Map.of(), "{\"a\":\"" + piece, piece, piece, piece, "\"}"))
					.post(LlmOperation.EMBEDDINGS, CHAT, bytes("{}"), ParsingBodyTests.RecordingParser::new)
					.block(Duration.ofSeconds(5)));
		assertThat(failure).isInstanceOf(LlmResponseException.class).hasMessageContaining("max-response-size");
		assertReleased(3);
		Throwable announced = catchThrowable(() -> transport(answer(200, Map.of("Content-Length", "100000"), "{}"))
			.post(LlmOperation.EMBEDDINGS, CHAT, bytes("{}"), ParsingBodyTests.RecordingParser::new)
			.block(Duration.ofSeconds(5)));
		assertThat(announced).isInstanceOf(LlmResponseException.class).hasMessageContaining("max-response-size");
		assertReleased(3);
	}

	@Test
	void silenceInAParsedAnswerIsAResponseTimeoutAndGivesTheMemoryBack() {
		ResponseMemory memory = new ResponseMemory(1 << 20);
		HttpSettings settings = new HttpSettings(SETTINGS.baseUrl(), null, Map.of(), Duration.ofSeconds(1),
				Duration.ofMillis(300), Duration.ofMillis(300), 1, Duration.ofSeconds(1), 4096, null,
				java.util.Set.of(), memory);
		HttpAnswer stalled = new Answer(200, Map.of(), Flux.concat(lent("{\"data\":"), Flux.never()));
		ParsingBodyTests.RecordingParser parser = new ParsingBodyTests.RecordingParser();
		parser.held = 2048;
		Throwable failure = catchThrowable(
				() -> new HttpExchange(settings, (call) -> Mono.just(stalled), LlmJson.mapper(), RequestHook.NONE)
					.post(LlmOperation.EMBEDDINGS, CHAT, bytes("{}"), () -> parser)
					.block(Duration.ofSeconds(5)));
		assertThat(failure).isInstanceOfSatisfying(LlmRequestException.class,
				(ex) -> assertThat(ex.kind()).isEqualTo(LlmRequestException.Kind.RESPONSE_TIMEOUT));
		assertReleased(1);
		assertThat(parser.closed).isTrue();
		assertThat(memory.reserved()).isZero();
	}

	@Test
	void releasesEachBufferOfAStreamReadToTheEnd() {
		List<JsonNode> chunks = stream(
				answer(200, Map.of(), "data: {\"n\":1}\n\ndata: {\"n\"", ":2}\n\n", "data: [DONE]\n\n"))
			.collectList()
			.block();
		assertThat(chunks).extracting((chunk) -> chunk.get("n").asInt()).containsExactly(1, 2);
		assertReleased(3);
	}

	@Test
	void releasesWhatArrivedOfAStreamTheCallerStops() {
		List<String> events = List.of("data: {\"n\":1}\n\n", "data: {\"n\":2}\n\n", "data: {\"n\":3}\n\n",
				"data: [DONE]\n\n");
		List<JsonNode> chunks = stream(answer(200, Map.of(), events.toArray(String[]::new))).take(1)
			.collectList()
			.block();
		assertThat(chunks).hasSize(1);
		assertThat(this.emitted).isNotEmpty();
		assertTakenBack();
	}

	@Test
	void releasesTheErrorBodyOfAStreamThatDidNotOpen() {
		Throwable failure = catchThrowable(() -> stream(answer(503, Map.of(), "{\"error\":\"loading\"}")).blockLast());
		assertThat(failure).isInstanceOfSatisfying(LlmApiException.class,
				(ex) -> assertThat(ex.status()).isEqualTo(503));
		assertReleased(1);
	}

	@Test
	void answerLaterThanTheResponseTimeoutIsAResponseTimeout() {
		assertThat(post(Mono.never())).isInstanceOfSatisfying(LlmRequestException.class,
				(ex) -> assertThat(ex.kind()).isEqualTo(LlmRequestException.Kind.RESPONSE_TIMEOUT));
	}

	@Test
	void silenceBetweenTheBuffersOfABodyIsAResponseTimeout() {
		HttpAnswer stalled = new Answer(200, Map.of(), Flux.concat(lent("{\"choices\":"), Flux.never()));
		assertThat(post(Mono.just(stalled))).isInstanceOfSatisfying(LlmRequestException.class,
				(ex) -> assertThat(ex.kind()).isEqualTo(LlmRequestException.Kind.RESPONSE_TIMEOUT));
		assertReleased(1);
	}

	@Test
	void countsNoConnectionsAndLeavesTheSenderOpen() {
		HttpExchange transport = transport(answer(200, Map.of(), "{}"));
		assertThat(transport.poolMetrics().allocated()).isZero();
		assertThat(transport.poolMetrics().acquired()).isZero();
		transport.close();
		assertThat(transport.post(LlmOperation.CHAT, CHAT, bytes("{}"), JsonNode.class).block()).isNotNull();
	}

	private Throwable post(Mono<HttpAnswer> answer) {
		return catchThrowable(() -> transport(answer).post(LlmOperation.CHAT, CHAT, bytes("{}"), JsonNode.class)
			.block(Duration.ofSeconds(5)));
	}

	private Flux<JsonNode> stream(Mono<HttpAnswer> answer) {
		return transport(answer).stream(LlmOperation.CHAT, CHAT, bytes("{}"), JsonNode.class)
			.flatMapMany(Function.identity());
	}

	private HttpExchange transport(Mono<HttpAnswer> answer) {
		return new HttpExchange(SETTINGS, (call) -> answer, LlmJson.mapper(), RequestHook.NONE);
	}

	/**
	 * Return an answer whose body is made of one buffer per piece, each recorded when
	 * emitted.
	 */
	private Mono<HttpAnswer> answer(int status, Map<String, String> headers, String... pieces) {
		return Mono.<HttpAnswer>fromSupplier(
				() -> new Answer(status, headers, Flux.fromArray(pieces).concatMap(this::lent, 0)));
	}

	/**
	 * Return one buffer of a piece, lent as a pooling sender lends it: taken back and
	 * overwritten once its signal returned or the body was cancelled.
	 */
	private Flux<ByteBuffer> lent(String piece) {
		return Flux.using(() -> ByteBuffer.wrap(bytes(piece)), (buffer) -> {
			this.lent.add(buffer);
			return Flux.just(buffer).doOnNext(this.emitted::add);
		}, this::takeBack);
	}

	private void takeBack(ByteBuffer buffer) {
		assertThat(buffer.position()).as("the client changes no buffer").isZero();
		Arrays.fill(buffer.array(), (byte) '#');
		this.takenBack.add(buffer);
	}

	private void assertReleased(int buffers) {
		assertThat(this.emitted).hasSize(buffers);
		assertTakenBack();
	}

	private void assertTakenBack() {
		assertThat(this.takenBack).hasSameSizeAs(this.lent);
		assertThat(this.lent).allSatisfy((buffer) -> assertThat(this.takenBack).anyMatch((back) -> back == buffer));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private record Answer(int status, Map<String, String> headers, Flux<ByteBuffer> body) implements HttpAnswer {

		@Override
		public @Nullable String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((header) -> header.getKey().equalsIgnoreCase(name))
				.map(Map.Entry::getValue)
				.findFirst()
				.orElse(null);
		}

	}

}
