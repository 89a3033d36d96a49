package dev.customllm.internal.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.customllm.LlmApiException;
import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;
import dev.customllm.internal.json.LlmJson;

import org.springframework.core.io.buffer.DataBufferLimitException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link ParsingBody}: the parser gets each network buffer in place, the body
 * is bounded and its parser's memory reserved, and a 2xx error object is told by its
 * first bytes, however they are split.
 *
 * @author Custom LLM team
 */
class ParsingBodyTests {

	private static final HttpSettings SETTINGS = new HttpSettings("http://localhost/v1", "sk-secret", Map.of(),
			Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 1, Duration.ofSeconds(1), 1024, null);

	private static final ErrorResponses ERRORS = new ErrorResponses(LlmJson.mapper(), new SecretRedactor(SETTINGS),
			Clock.systemUTC());

	private final ResponseMemory memory = new ResponseMemory(4096);

	private final RecordingParser parser = new RecordingParser();

	@Test
	void handsEachBufferToTheParserInPlaceWithoutJoiningThem() {
		ParsingBody<String> body = body(-1);
		List<ByteBuf> buffers = List.of(buffer("skip{\"data\":").skipBytes(4), buffer("[1,2"), buffer("]}"));
		buffers.forEach(body::feed);
		assertThat(body.finish()).isEqualTo("{\"data\":[1,2]}");
		assertThat(this.parser.feeds).hasSize(3);
		assertThat(buffers.get(0).readerIndex()).as("the network buffer is left as it was").isEqualTo(4);
		body.release();
		assertThat(this.parser.closed).isTrue();
	}

	@Test
	void errorObjectSplitAcrossBuffersIsTheProvidersError() {
		ParsingBody<String> body = body(-1);
		body.feed(buffer(" \n{"));
		body.feed(buffer("  \"err"));
		body.feed(buffer("or\": {\"message\": \"quota exceeded for sk-secret\", \"type\": \"insufficient_quota\"}}"));
		Throwable failure = catchThrowable(body::finish);
		assertThat(failure).isInstanceOfSatisfying(LlmApiException.class, (ex) -> {
			assertThat(ex.status()).isEqualTo(200);
			assertThat(ex.error().message()).isEqualTo("quota exceeded for ******");
			assertThat(ex.error().type()).isEqualTo("insufficient_quota");
		});
		assertThat(this.parser.feeds).as("an error body never reaches the parser").isEmpty();
		assertThat(this.memory.reserved()).isPositive();
		body.release();
		assertThat(this.memory.reserved()).isZero();
	}

	@Test
	void answerWhoseFirstBytesLookLikeAnErrorsIsParsedWhole() {
		for (String json : List.of("{\"errors\":0,\"data\":[]}", "{\"erro\":1}", "{\"data\":{\"error\":1}}")) {
			RecordingParser recording = new RecordingParser();
			ParsingBody<String> body = new ParsingBody<>(LlmOperation.EMBEDDINGS, recording, ERRORS, 1024, -1,
					this.memory);
			for (int i = 0; i < json.length(); i += 2) {
				body.feed(buffer(json.substring(i, Math.min(json.length(), i + 2))));
			}
			assertThat(body.finish()).isEqualTo(json);
			body.release();
		}
		assertThat(this.memory.reserved()).isZero();
	}

	@Test
	void bodyThatEndsBeforeItTellsIsGivenToTheParser() {
		ParsingBody<String> body = body(-1);
		body.feed(buffer(" {\"er"));
		assertThat(body.finish()).isEqualTo(" {\"er");
		body.release();
		assertThat(this.memory.reserved()).isZero();
	}

	@Test
	void emptyBodyOrJsonNullIsUnusable() {
		assertThatExceptionOfType(LlmResponseException.class).isThrownBy(() -> body(-1).finish())
			.withMessageContaining("empty body");
		ParsingBody<String> body = body(-1);
		body.feed(buffer("null"));
		assertThatExceptionOfType(LlmResponseException.class).isThrownBy(body::finish)
			.withMessageContaining("body is JSON null");
	}

	@Test
	void bodyIsBoundedByTheMaximumSizeAsItArrives() {
		assertThatExceptionOfType(DataBufferLimitException.class).isThrownBy(() -> body(1025));
		ParsingBody<String> body = body(-1);
		body.feed(buffer("[" + "1,".repeat(400)));
		body.feed(Unpooled.wrappedBuffer(new byte[1024 - 801]));
		assertThatExceptionOfType(DataBufferLimitException.class).isThrownBy(() -> body.feed(buffer("1")))
			.withMessageContaining("1024");
	}

	@Test
	void reservesWhatTheParserHoldsNotTheBody() {
		ParsingBody<String> body = body(-1);
		this.parser.held = 3000;
		body.feed(buffer("{\"a\":1"));
		assertThat(this.memory.reserved()).isEqualTo(3000);
		this.parser.held = 1000;
		body.feed(buffer(",\"b\":2"));
		assertThat(this.memory.reserved()).isEqualTo(3000);
		this.parser.held = 5000;
		assertThatExceptionOfType(ResponseMemory.BudgetExceededException.class).isThrownBy(() -> body.feed(buffer("}")))
			.withMessageContaining("max-buffered-response-bytes");
		body.release();
		assertThat(this.memory.reserved()).isZero();
		assertThat(this.parser.closed).isTrue();
	}

	@Test
	void bufferArrivingAfterACancelIsNotReadNorReserved() {
		ParsingBody<String> body = body(-1);
		this.parser.held = 1000;
		body.feed(buffer("{\"a\":"));
		body.release();
		body.feed(buffer("1}"));
		body.release();
		assertThat(this.parser.feeds).containsExactly("{\"a\":");
		assertThat(this.memory.reserved()).isZero();
	}

	@Test
	void jvmErrorWhileParsingIsCarriedToTheCaller() {
		ParsingBody<String> body = body(-1);
		this.parser.error = new StackOverflowError("injected");
		assertThatExceptionOfType(FatalReadException.class).isThrownBy(() -> body.feed(buffer("{}")))
			.withCauseInstanceOf(StackOverflowError.class);
	}

	private ParsingBody<String> body(long expectedSize) {
		return new ParsingBody<>(LlmOperation.EMBEDDINGS, this.parser, ERRORS, 1024, expectedSize, this.memory);
	}

	private static ByteBuf buffer(String text) {
		return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
	}

	/**
	 * A parser that keeps the text it was fed.
	 */
	static final class RecordingParser implements AnswerParser<String> {

		final List<String> feeds = new ArrayList<>();

		long held;

		boolean closed;

		@Nullable Error error;

		@Override
		public void feed(ByteBuffer bytes) {
			if (this.error != null) {
				throw this.error;
			}
			this.feeds.add(StandardCharsets.UTF_8.decode(bytes).toString());
		}

		@Override
		public @Nullable String finish() {
			String text = String.join("", this.feeds);
			return "null".equals(text) ? null : text;
		}

		@Override
		public long heldBytes() {
			return this.held;
		}

		@Override
		public void close() {
			this.closed = true;
		}

	}

}
