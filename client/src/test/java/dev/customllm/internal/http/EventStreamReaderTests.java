package dev.customllm.internal.http;

import dev.customllm.internal.json.LlmJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.Exceptions;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import org.springframework.core.io.buffer.DataBufferLimitException;

import dev.customllm.LlmApiException;
import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link EventStreamReader}.
 *
 * @author Custom LLM team
 */
class EventStreamReaderTests {

	private static final HttpSettings SETTINGS = new HttpSettings("http://localhost/v1", "sk-secret-key", Map.of(),
			Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMillis(500), 1, Duration.ofSeconds(1), 4096,
			null);

	private final EventStreamReader reader = new EventStreamReader(LlmOperation.CHAT, LlmJson.mapper(),
			new ErrorResponses(LlmJson.mapper(), new SecretRedactor("sk-secret-key", Map.of(), Set.of()),
					Clock.systemUTC()),
			SETTINGS);

	@Test
	void readsPayloadsUntilDoneAndIgnoresWhatFollows() {
		Outcome outcome = read("data: {\"n\":1}\n\n: ping\n\ndata: {\"n\":2}\n\ndata: [DONE]\n\ndata: {\"n\":3}\n\n");
		assertThat(outcome.numbers()).containsExactly(1, 2);
		assertThat(outcome.error()).isNull();
	}

	@Test
	void acceptsDoneWithoutTrailingBlankLine() {
		Outcome outcome = read("data: {\"n\":1}\r\n\r\ndata: [DONE]");
		assertThat(outcome.numbers()).containsExactly(1);
		assertThat(outcome.error()).isNull();
	}

	@Test
	void failsAfterThePayloadsWhenTheBodyEndsWithoutDone() {
		Outcome outcome = read("data: {\"n\":1}\n\n");
		assertThat(outcome.numbers()).containsExactly(1);
		assertThat(outcome.error()).isInstanceOf(LlmResponseException.class)
			.hasMessageContaining("ended before data: [DONE] after 1 events");
	}

	@Test
	void failsWhenTheBodyHoldsNoEvents() {
		assertThat(read("{\"choices\":[]}").error()).isInstanceOf(LlmResponseException.class)
			.hasMessageContaining("held no server-sent events");
	}

	@Test
	void failsAsCutWhenTheConnectionClosesBeforeDone() {
		Outcome outcome = outcome(Flux.concat(Flux.just(bytes("data: {\"n\":1}\n\n")),
				Flux.error(new IOException("Connection reset by peer"))));
		assertThat(outcome.numbers()).containsExactly(1);
		assertThat(outcome.error()).isInstanceOf(LlmResponseException.class)
			.hasMessageContaining("stream cut before data: [DONE] after 1 events");
	}

	@Test
	void ignoresAConnectionClosedAfterDone() {
		Outcome outcome = outcome(Flux.concat(Flux.just(bytes("data: {\"n\":1}\n\ndata: [DONE]\n\n")),
				Flux.error(new IOException("Connection reset by peer"))));
		assertThat(outcome.numbers()).containsExactly(1);
		assertThat(outcome.error()).isNull();
	}

	@Test
	void errorEventFailsTheStreamEvenWhenDoneFollows() {
		Outcome outcome = read("""
				data: {"n":1}

				event: error
				data: {"error":{"message":"model overloaded","type":"server_error","code":503}}

				data: [DONE]

				""");
		assertThat(outcome.numbers()).containsExactly(1);
		assertThat(outcome.error()).isInstanceOfSatisfying(LlmApiException.class, (ex) -> {
			assertThat(ex).hasMessageContaining("model overloaded");
			assertThat(ex.status()).isEqualTo(503);
			assertThat(ex.error().type()).isEqualTo("server_error");
		});
	}

	@Test
	void errorObjectInAPayloadFailsTheStreamWithoutShowingTheKey() {
		Outcome outcome = read(
				"""
						data: {"error":{"object":"error","message":"context too long for sk-secret-key","type":"BadRequestError","code":400}}

						data: [DONE]

						""");
		assertThat(outcome.error()).isInstanceOfSatisfying(LlmApiException.class, (ex) -> {
			assertThat(ex).hasMessageContaining("context too long").hasMessageNotContaining("sk-secret-key");
			assertThat(ex.status()).isEqualTo(400);
		});
	}

	@Test
	void llamaCppErrorFieldFailsTheStream() {
		Outcome outcome = read("""
				data: {"n":1}

				error: {"code":500,"message":"slot unavailable","type":"server_error"}

				""");
		assertThat(outcome.numbers()).containsExactly(1);
		assertThat(outcome.error()).isInstanceOfSatisfying(LlmApiException.class, (ex) -> {
			assertThat(ex).hasMessageContaining("slot unavailable");
			assertThat(ex.status()).isEqualTo(500);
		});
	}

	@Test
	void plainTextErrorEventFailsTheStream() {
		assertThat(read("event: error\ndata: upstream went away\n\ndata: [DONE]\n\n").error())
			.isInstanceOf(LlmApiException.class)
			.hasMessageContaining("upstream went away");
	}

	@Test
	void payloadThatIsNotAnObjectFailsTheStream() {
		assertThat(read("data: [1,2]\n\ndata: [DONE]\n\n").error()).isInstanceOf(LlmResponseException.class)
			.hasMessageContaining("not a JSON object");
	}

	@Test
	void failsWhenNoPayloadArrivesWithinTheResponseTimeoutDespiteKeepAlives() {
		Outcome outcome = outcome(Flux.concat(Flux.just(bytes("data: {\"n\":1}\n\n")),
				Flux.interval(Duration.ofMillis(100)).map((tick) -> bytes(": keep-alive\n\n"))));
		assertThat(outcome.numbers()).containsExactly(1);
		assertThat(outcome.error()).isInstanceOf(TimeoutException.class);
	}

	@Test
	void healthyStreamLongerThanTheResponseTimeoutCompletes() {
		Outcome outcome = outcome(Flux.interval(Duration.ofMillis(150))
			.take(10)
			.map((n) -> bytes("data: {\"n\":" + n + "}\n\n"))
			.concatWith(Flux.just(bytes("data: [DONE]\n\n"))));
		assertThat(outcome.numbers()).hasSize(10);
		assertThat(outcome.error()).isNull();
	}

	@Test
	void passesDemandOnToTheBody() {
		AtomicLong requested = new AtomicLong();
		Flux<byte[]> body = Flux.range(0, 1000)
			.map((n) -> bytes("data: {\"n\":" + n + "}\n\n"))
			.concatWith(Flux.just(bytes("data: [DONE]\n\n")))
			.doOnRequest((n) -> requested.addAndGet(Math.min(n, 1_000_000)));
		List<JsonNode> received = new ArrayList<>();
		this.reader.read(body.map(Unpooled::wrappedBuffer), JsonNode.class).subscribe(new BaseSubscriber<>() {

			@Override
			protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
				request(3);
			}

			@Override
			protected void hookOnNext(JsonNode value) {
				received.add(value);
			}

		});
		assertThat(received).hasSize(3);
		assertThat(requested.get()).isLessThan(10);
	}

	@Test
	void payloadsBeforeAFailureInTheSameBufferArriveFirst() {
		Outcome outcome = read("data: {\"n\":1}\n\ndata: {\"n\":2}\n\ndata: [1, 2]\n\ndata: {\"n\":3}\n\n");
		assertThat(outcome.numbers()).containsExactly(1, 2);
		assertThat(outcome.error()).isInstanceOf(LlmResponseException.class).hasMessageContaining("not a JSON object");
	}

	@Test
	void eventTooLargeFailsAfterThePayloadsBeforeItInTheSameBuffer() {
		Outcome outcome = read("data: {\"n\":1}\n\ndata: {\"x\":\"" + "y".repeat(5000) + "\"}\n\n");
		assertThat(outcome.numbers()).containsExactly(1);
		assertThat(outcome.error()).isInstanceOf(DataBufferLimitException.class);
	}

	@Test
	void severalEventsPerBufferAndEventsSplitAcrossBuffersAreEachReadOnce() {
		byte[] stream = bytes("data: {\"n\":1}\n\n: ping\r\n\r\ndata: {\"n\":2}\r\rdata: {\"n\":3}\n\n"
				+ "data: {\"n\":4}\n\ndata: [DONE]\n\n");
		for (int size = 1; size <= stream.length; size++) {
			List<byte[]> pieces = new ArrayList<>();
			for (int start = 0; start < stream.length; start += size) {
				pieces.add(Arrays.copyOfRange(stream, start, Math.min(stream.length, start + size)));
			}
			Outcome outcome = outcome(Flux.fromIterable(pieces));
			assertThat(outcome.numbers()).as("pieces of %d bytes", size).containsExactly(1, 2, 3, 4);
			assertThat(outcome.error()).isNull();
		}
	}

	@Test
	void findsAnErrorObjectWhereverItIsAndOnlyAnErrorObject() {
		assertThat(read("data: {\"n\":1,\"note\":\"errors are rare\",\"r\":\"o\"}\n\ndata: [DONE]\n\n").numbers())
			.containsExactly(1);
		Outcome outcome = read("data: {\"n\":1,\"r\":\"o\",\"rr\":1,\"error\":{\"message\":\"late\"}}\n\n");
		assertThat(outcome.values()).isEmpty();
		assertThat(outcome.error()).isInstanceOf(LlmApiException.class).hasMessageContaining("late");
	}

	@Test
	void bodyStillOpenAfterDoneIsCutAfterTheGraceTimeWithoutError() {
		HttpSettings patient = new HttpSettings("http://localhost/v1", "sk-secret-key", Map.of(), Duration.ofSeconds(1),
				Duration.ofSeconds(30), Duration.ofSeconds(30), 1, Duration.ofSeconds(1), 4096, null);
		EventStreamReader reader = new EventStreamReader(LlmOperation.CHAT, LlmJson.mapper(), new ErrorResponses(
				LlmJson.mapper(), new SecretRedactor("sk-secret-key", Map.of(), Set.of()), Clock.systemUTC()), patient);
		AtomicBoolean cancelled = new AtomicBoolean();
		Flux<byte[]> body = Flux.concat(Flux.just(bytes("data: {\"n\":1}\n\ndata: [DONE]\n\n: still here\n")),
				Flux.<byte[]>never().doOnCancel(() -> cancelled.set(true)));
		List<JsonNode> values = reader.read(body.map(Unpooled::wrappedBuffer), JsonNode.class)
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(values).extracting((node) -> node.get("n").asInt()).containsExactly(1);
		assertThat(cancelled).isTrue();
	}

	private Outcome read(String body) {
		return outcome(Flux.just(bytes(body)));
	}

	private Outcome outcome(Flux<byte[]> body) {
		List<JsonNode> values = new ArrayList<>();
		Throwable error = catchThrowable(() -> this.reader.read(body.map(Unpooled::wrappedBuffer), JsonNode.class)
			.doOnNext(values::add)
			.blockLast(Duration.ofSeconds(5)));
		return new Outcome(values, (error != null) ? Exceptions.unwrap(error) : null);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	record Outcome(List<JsonNode> values, @Nullable Throwable error) {

		List<Integer> numbers() {
			return this.values.stream().map((node) -> node.get("n").asInt()).toList();
		}

	}

}
