package dev.customllm.internal.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.buffer.DataBufferLimitException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SseDecoder}.
 *
 * @author Custom LLM team
 */
class SseDecoderTests {

	private static final String STREAM = """
			: connected\r
			\r
			data: {"choices":[{"delta":{"content":"Grüße, 世界 🌍"}}]}\r
			\r
			:ping

			event: message
			id: 7
			retry: 1500
			data: {"a":1,
			data:  "b":2}

			data:no space after the colon\r\r\
			data: [DONE]

			""";

	@Test
	void decodesEventsWithCommentsFieldsAndMixedLineEndings() {
		List<SseEvent> events = decodeWhole(bytes(STREAM));
		assertThat(events).extracting(SseEvent::data)
			.containsExactly("{\"choices\":[{\"delta\":{\"content\":\"Grüße, 世界 🌍\"}}]}", "{\"a\":1,\n \"b\":2}",
					"no space after the colon", "[DONE]");
		assertThat(events.get(1).type()).isEqualTo("message");
		assertThat(events.get(1).id()).isEqualTo("7");
		assertThat(events.get(1).retry()).isEqualTo(Duration.ofMillis(1500));
		assertThat(events.get(2).type()).isNull();
		assertThat(events.get(2).id()).isEqualTo("7");
		assertThat(events.get(3).isDone()).isTrue();
		assertThat(events).filteredOn(SseEvent::isError).isEmpty();
	}

	@Test
	void givesTheSameEventsWhereverTheStreamIsSplitInTwo() {
		byte[] stream = bytes(STREAM);
		List<SseEvent> expected = decodeWhole(stream);
		for (int split = 0; split <= stream.length; split++) {
			SseDecoder decoder = new SseDecoder(1024);
			List<SseEvent> events = new ArrayList<>(decoder.decode(Arrays.copyOfRange(stream, 0, split)));
			events.addAll(decoder.decode(Arrays.copyOfRange(stream, split, stream.length)));
			addFinish(events, decoder);
			assertThat(events).as("split at byte %d", split).isEqualTo(expected);
		}
	}

	@Test
	void readsNetworkBuffersFromTheirReaderIndexWithoutConsumingThem() {
		byte[] stream = bytes(STREAM);
		List<SseEvent> expected = decodeWhole(stream);
		for (int split = 0; split <= stream.length; split += 7) {
			SseDecoder decoder = new SseDecoder(1024);
			ByteBuf first = Unpooled.buffer().writeBytes(bytes("ignored")).writeBytes(stream, 0, split);
			first.skipBytes("ignored".length());
			ByteBuf second = Unpooled.directBuffer().writeBytes(stream, split, stream.length - split);
			List<SseEvent> events = new ArrayList<>(decoder.decode(first));
			events.addAll(decoder.decode(second));
			addFinish(events, decoder);
			assertThat(events).as("split at byte %d", split).isEqualTo(expected);
			assertThat(first.readableBytes()).isEqualTo(split);
			assertThat(second.readableBytes()).isEqualTo(stream.length - split);
		}
	}

	@Test
	void givesTheSameEventsWhenFedOneByteAtATime() {
		byte[] stream = bytes(STREAM);
		SseDecoder decoder = new SseDecoder(1024);
		List<SseEvent> events = new ArrayList<>();
		for (byte b : stream) {
			events.addAll(decoder.decode(new byte[] { b }));
		}
		addFinish(events, decoder);
		assertThat(events).isEqualTo(decodeWhole(stream));
	}

	@Test
	void givesTheSameEventsWhereverTheStreamIsSplitInThree() {
		byte[] stream = bytes("data: é\r\n\r\ndata: 🌍\r\rdata: [DONE]\n");
		List<SseEvent> expected = decodeWhole(stream);
		assertThat(expected).extracting(SseEvent::data).containsExactly("é", "🌍", "[DONE]");
		for (int first = 0; first <= stream.length; first++) {
			for (int second = first; second <= stream.length; second++) {
				SseDecoder decoder = new SseDecoder(1024);
				List<SseEvent> events = new ArrayList<>(decoder.decode(Arrays.copyOfRange(stream, 0, first)));
				events.addAll(decoder.decode(Arrays.copyOfRange(stream, first, second)));
				events.addAll(decoder.decode(Arrays.copyOfRange(stream, second, stream.length)));
				addFinish(events, decoder);
				assertThat(events).as("split at %d and %d", first, second).isEqualTo(expected);
			}
		}
	}

	@Test
	void dispatchesDoneWithoutTrailingBlankLineOrLineEnding() {
		SseDecoder decoder = new SseDecoder(1024);
		assertThat(decoder.decode(bytes("data: {\"x\":1}\n\ndata: [DONE]"))).hasSize(1);
		SseEvent last = decoder.finish();
		assertThat(last).isNotNull();
		assertThat(last.isDone()).isTrue();
	}

	@Test
	void dropsAnIncompleteEventAtTheEndOfTheStream() {
		SseDecoder decoder = new SseDecoder(1024);
		assertThat(decoder.decode(bytes("data: {\"x\":1}\n\ndata: {\"cho"))).hasSize(1);
		assertThat(decoder.finish()).isNull();
	}

	@Test
	void readsErrorEventsInTheirThreeShapes() {
		List<SseEvent> events = decodeWhole(bytes("""
				event: error
				data: {"message":"overloaded"}

				error: {"code":500,"message":"llama.cpp failed","type":"server_error"}

				data: {"error":{"message":"in the payload"}}

				"""));
		assertThat(events).hasSize(3);
		assertThat(events.get(0).isError()).isTrue();
		assertThat(events.get(1).isError()).isTrue();
		assertThat(events.get(1).error()).contains("llama.cpp failed");
		assertThat(events.get(2).isError()).isFalse();
	}

	@Test
	void dispatchesAnErrorFieldWithoutTrailingBlankLine() {
		SseDecoder decoder = new SseDecoder(1024);
		assertThat(decoder.decode(bytes("error: {\"message\":\"boom\"}\n"))).isEmpty();
		SseEvent last = decoder.finish();
		assertThat(last).isNotNull();
		assertThat(last.isError()).isTrue();
	}

	@Test
	void ignoresUnknownFieldsAndEventsWithoutData() {
		assertThat(decodeWhole(bytes("event: ping\n\nfoo: bar\nid: 3\n\n: just a comment\n\n"))).isEmpty();
	}

	@Test
	void stripsByteOrderMarkAtTheStart() {
		assertThat(decodeWhole(bytes("\uFEFFdata: x\n\n"))).extracting(SseEvent::data).containsExactly("x");
	}

	@Test
	void failsOnEventLargerThanTheMaximum() {
		SseDecoder decoder = new SseDecoder(64);
		assertThatExceptionOfType(DataBufferLimitException.class)
			.isThrownBy(() -> decoder.decode(bytes("data: " + "x".repeat(100) + "\n\n")));
		SseDecoder manyLines = new SseDecoder(64);
		assertThatExceptionOfType(DataBufferLimitException.class)
			.isThrownBy(() -> manyLines.decode(bytes("data: 0123456789\n".repeat(10))));
	}

	@Test
	void keepsMemoryToOneEventOverALongStream() {
		SseDecoder decoder = new SseDecoder(256);
		byte[] event = bytes(": keep-alive\ndata: {\"choices\":[{\"delta\":{\"content\":\"word \"}}]}\n\n");
		int count = 0;
		for (int i = 0; i < 100_000; i++) {
			count += decoder.decode(event).size();
		}
		assertThat(count).isEqualTo(100_000);
	}

	private static List<SseEvent> decodeWhole(byte[] stream) {
		SseDecoder decoder = new SseDecoder(1024);
		List<SseEvent> events = new ArrayList<>(decoder.decode(stream));
		addFinish(events, decoder);
		return events;
	}

	private static void addFinish(List<SseEvent> events, SseDecoder decoder) {
		@Nullable SseEvent last = decoder.finish();
		if (last != null) {
			events.add(last);
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
