package dev.customllm.internal.embedding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;

import dev.customllm.LlmResponseException;
import dev.customllm.internal.json.LlmJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link EmbeddingAnswerParser}: every answer is fed in pieces of several
 * sizes, down to one byte, as the network may split it, and read as the mapper reads the
 * records.
 *
 * @author Custom LLM team
 */
class EmbeddingAnswerParserTests {

	private static final int[] PIECES = { 1, 3, 7, 64, Integer.MAX_VALUE };

	@Test
	void readsItemsModelAndUsageInAnyOrderSkippingUnknownMembers() {
		float[] vector = { 0.25f, -1.5f, 3.0e-5f };
		String json = """
				{"usage":{"prompt_tokens":7,"total_tokens":7,"extra":{"a":[1,2]}},
				 "meta":{"embedding":"not a vector","data":[{"index":9}]},"object":"list",
				 "data":[{"embedding":"%s","object":"embedding","index":1,"unknown":[[1],{"x":"y"}]},
				         {"index":0,"embedding":[0.25,-1.5,3.0e-5],"object":"embedding"},
				         null],
				 "model":"text-embedding-3-small","trailer":true}""".formatted(base64(vector));
		for (int piece : PIECES) {
			EmbeddingResult result = parse(json, piece);
			assertThat(result.model()).isEqualTo("text-embedding-3-small");
			assertThat(result.usage().promptTokens()).isEqualTo(7);
			assertThat(result.data()).hasSize(3);
			assertThat(result.data().get(0).index()).isEqualTo(1);
			assertThat(result.data().get(0).embedding()).containsExactly(vector);
			assertThat(result.data().get(1).index()).isEqualTo(0);
			assertThat(result.data().get(1).embedding()).containsExactly(vector);
			assertThat(result.data().get(2)).isNull();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"data\":[{\"index\":\"1\",\"embedding\":[1]}],\"model\":5,\"usage\":null}",
			"{\"data\":[{\"index\":1.0,\"embedding\":[1]}],\"model\":true}",
			"{\"data\":[{\"index\":null,\"embedding\":null},{}],\"model\":null,\"usage\":{}}", "{\"data\":null}", "{}",
			"{\"data\":[]}" })
	void readsValuesOfOtherShapesAsTheMapperDoes(String json) {
		EmbeddingResult expected = LlmJson.mapper().readValue(json, EmbeddingResult.class);
		for (int piece : PIECES) {
			EmbeddingResult result = parse(json, piece);
			assertThat(result.model()).isEqualTo(expected.model());
			assertThat(result.usage()).isEqualTo(expected.usage());
			assertThat(result.data()).usingRecursiveFieldByFieldElementComparator().isEqualTo(expected.data());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"data\":[{\"index\":true,\"embedding\":[1]}]}", "{\"model\":{\"name\":\"m\"}}",
			"{\"data\":\"none\"}", "{\"data\":[1]}", "[{\"index\":0}]", "\"text\"",
			"{\"usage\":{\"prompt_tokens\":\"x\"}}" })
	void refusesValuesTheMapperRefuses(String json) {
		assertThat(catchThrowable(() -> LlmJson.mapper().readValue(json, EmbeddingResult.class)))
			.isInstanceOf(JacksonException.class);
		for (int piece : PIECES) {
			assertThat(catchThrowable(() -> parse(json, piece))).isInstanceOf(JacksonException.class);
		}
	}

	@Test
	void refusesAnEmbeddingThatIsNeitherNumbersNorBase64() {
		assertUnreadable("{\"data\":[{\"index\":0,\"embedding\":true}]}",
				"unreadable JSON answer: embedding must be an array of numbers or a base64 string, not VALUE_TRUE");
		assertUnreadable("{\"data\":[{\"index\":0,\"embedding\":{\"a\":1}}]}", "not START_OBJECT");
		assertUnreadable("{\"data\":[{\"index\":0,\"embedding\":[1,\"2\"]}]}", "embedding array holds a VALUE_STRING");
	}

	@Test
	void refusesBadBase64() {
		assertUnreadable("{\"data\":[{\"index\":0,\"embedding\":\"AAAA=\"}]}", "embedding is not valid base64");
		assertUnreadable("{\"data\":[{\"index\":0,\"embedding\":\"AAAAAAA=\"}]}",
				"base64 embedding has 5 bytes, not a multiple of 4");
		assertUnreadable("{\"data\":[{\"index\":0,\"embedding\":\"AAA\u00e9\"}]}", "embedding is not valid base64");
	}

	@Test
	void refusesValuesThatAreNotFiniteFloatsNamingTheIndexThatFollowsThem() {
		String nan = base64(new float[] { 0.5f, Float.NaN });
		assertUnreadable("{\"data\":[{\"embedding\":\"" + nan + "\",\"index\":3}]}",
				"embedding 3 holds NaN at position 1: every value must be a finite float");
		assertUnreadable("{\"data\":[{\"index\":0,\"embedding\":[1]},{\"embedding\":[0.5,1e39]}]}",
				"embedding 1 holds Infinity at position 1");
	}

	@Test
	void truncatedOrMalformedAnswersAreJsonFailures() {
		String json = "{\"data\":[{\"index\":0,\"embedding\":[1.0,2.0]}],\"model\":\"m\"}";
		for (int end = 1; end < json.length(); end++) {
			String truncated = json.substring(0, end);
			assertThat(catchThrowable(() -> parse(truncated, 5))).as(truncated).isInstanceOf(JacksonException.class);
		}
		assertThat(catchThrowable(() -> parse("{\"data\":[}", 2))).isInstanceOf(JacksonException.class);
		assertThat(catchThrowable(() -> parse("   ", 2))).isInstanceOf(LlmResponseException.class)
			.hasMessageContaining("no JSON value");
	}

	@Test
	void tokensAfterTheAnswerAreRefusedAsTheMapperRefusesThem() {
		String json = "{\"data\":[]} {\"data\":[]}";
		assertThat(catchThrowable(() -> LlmJson.mapper().readValue(json, EmbeddingResult.class)))
			.isInstanceOf(JacksonException.class);
		assertUnreadable(json, "trailing token (START_OBJECT) after the answer");
	}

	@Test
	void jsonNullIsNoAnswer() {
		assertThat(parse(" null ", 2)).isNull();
	}

	@Test
	void holdsOneVectorsWorthOfScratchWhateverTheNumberOfVectors() {
		List<String> items = new ArrayList<>();
		float[] vector = new float[256];
		for (int i = 0; i < 200; i++) {
			vector[i] = i;
			items.add("{\"object\":\"embedding\",\"index\":" + i + ",\"embedding\":\"" + base64(vector) + "\"}");
		}
		String json = "{\"data\":[" + String.join(",", items) + "]}";
		EmbeddingAnswerParser parser = new EmbeddingAnswerParser(LlmJson.mapper());
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		for (int from = 0; from < bytes.length; from += 1500) {
			parser.feed(ByteBuffer.wrap(bytes, from, Math.min(1500, bytes.length - from)));
		}
		EmbeddingResult result = parser.finish();
		parser.close();
		assertThat(result.data()).hasSize(200);
		assertThat(result.data().get(199).embedding()[199]).isEqualTo(199f);
		assertThat(result.data().get(0).embedding()).isNotSameAs(result.data().get(1).embedding());
		int text = base64(vector).length();
		assertThat(parser.heldBytes()).as("answer of %d bytes", bytes.length).isLessThan(8192 + 5L * text);
	}

	private static void assertUnreadable(String json, String problem) {
		for (int piece : PIECES) {
			assertThat(catchThrowable(() -> parse(json, piece))).isInstanceOf(LlmResponseException.class)
				.hasMessageContaining(problem);
		}
	}

	private static @Nullable EmbeddingResult parse(String json, int piece) {
		EmbeddingAnswerParser parser = new EmbeddingAnswerParser(LlmJson.mapper());
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

	private static String base64(float[] vector) {
		ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
		for (float value : vector) {
			buffer.putFloat(value);
		}
		return Base64.getEncoder().encodeToString(buffer.array());
	}

}
