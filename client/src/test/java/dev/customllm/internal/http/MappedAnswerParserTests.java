package dev.customllm.internal.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;

import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;
import dev.customllm.internal.json.LlmJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link MappedAnswerParser}: answers without a parser of their own are read as
 * their bytes arrive, in pieces down to one byte, exactly as the mapper reads them whole.
 *
 * @author Custom LLM team
 */
class MappedAnswerParserTests {

	private static final int[] PIECES = { 1, 3, 7, 64, Integer.MAX_VALUE };

	@Test
	void readsAnObjectAnswerAsTheMapperDoes() {
		String json = """
				{"results":[{"index":1,"relevance_score":0.9,"extra":{"a":[1,{"b":null}]}},
				            {"relevance_score":0.1,"index":0}],"model":"bge","meta":"caf\u00e9 \\u00e9"}""";
		Ranked expected = LlmJson.mapper().readValue(json, Ranked.class);
		for (int piece : PIECES) {
			Ranked answer = parse(json, Ranked.class, piece);
			assertThat(answer).isEqualTo(expected);
			assertThat(answer.results()).extracting(Ranked.Item::index).containsExactly(1, 0);
			assertThat(answer.meta()).isEqualTo("caf\u00e9 \u00e9");
		}
	}

	@Test
	void readsAnswersThatAreNotObjects() {
		for (int piece : PIECES) {
			assertThat(parse("[1,2,3]", int[].class, piece)).containsExactly(1, 2, 3);
			assertThat(parse("\"text\"", String.class, piece)).isEqualTo("text");
			assertThat(parse(" null ", Ranked.class, piece)).isNull();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"results\":[]} {}", "{\"results\":[", "{\"results\":[}", "", "   ",
			"{\"results\":\"none\"}" })
	void refusesWhatTheMapperRefuses(String json) {
		for (int piece : PIECES) {
			Throwable failure = catchThrowable(() -> parse(json, Ranked.class, piece));
			assertThat(failure).as(json).isInstanceOfAny(JacksonException.class, LlmResponseException.class);
		}
	}

	@Test
	void countsTheTokensItHoldsAsTheyArrive() {
		byte[] bytes = ("{\"meta\":\"" + "x".repeat(40_000) + "\",\"results\":[]}").getBytes(StandardCharsets.UTF_8);
		MappedAnswerParser<Ranked> parser = new MappedAnswerParser<>(LlmOperation.RERANK, LlmJson.mapper(),
				Ranked.class);
		parser.feed(ByteBuffer.wrap(bytes, 0, 20_000));
		assertThat(parser.heldBytes()).isGreaterThanOrEqualTo(2 * 20_000L);
		parser.feed(ByteBuffer.wrap(bytes, 20_000, bytes.length - 20_000));
		assertThat(parser.heldBytes()).isGreaterThanOrEqualTo(2L * bytes.length);
		assertThat(parser.finish().meta()).hasSize(40_000);
		parser.close();
	}

	private static <T> @Nullable T parse(String json, Class<T> type, int piece) {
		MappedAnswerParser<T> parser = new MappedAnswerParser<>(LlmOperation.RERANK, LlmJson.mapper(), type);
		try {
			byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
			for (int from = 0; from < bytes.length; from += piece) {
				parser.feed(ByteBuffer.wrap(bytes, from, Math.min(piece, bytes.length - from)).slice());
			}
			return parser.finish();
		}
		finally {
			parser.close();
		}
	}

	record Ranked(List<Item> results, @Nullable String model, @Nullable String meta) {

		record Item(int index, double relevance_score) {

		}

	}

}
