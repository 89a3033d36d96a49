package dev.customllm.internal.completion;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

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
 * Tests for {@link ChatAnswerParser}: every answer is fed in pieces of several sizes,
 * down to one byte, as the network may split it, and read or refused as the mapper reads
 * the records.
 *
 * @author Custom LLM team
 */
class ChatAnswerParserTests {

	private static final int[] PIECES = { 1, 3, 7, 64, Integer.MAX_VALUE };

	@Test
	void readsAnAnswerInAnyOrderSkippingUnknownMembers() {
		String json = """
				{"usage":{"prompt_tokens":7,"completion_tokens":2,"total_tokens":9,"details":{"a":[1,2]}},
				 "object":"chat.completion","created":1700000000,"meta":{"choices":[{"index":0}]},
				 "choices":[{"index":1,"message":{"role":"assistant","content":"second"},"finish_reason":"stop"},
				            null,
				            {"logprobs":null,"finish_reason":"tool_calls","index":0,
				             "message":{"tool_calls":[{"id":"c1","type":"function",
				                 "function":{"name":"f","arguments":"{\\"x\\":1}"}}],
				                 "content":"caf\u00e9 \\u00e9\\n","role":"assistant","refusal":null}}],
				 "model":"gpt-4o","id":"chatcmpl-1","system_fingerprint":"fp"}""";
		ChatCompletionResult expected = LlmJson.mapper().readValue(json, ChatCompletionResult.class);
		for (int piece : PIECES) {
			ChatCompletionResult result = parse(json, piece);
			assertThat(result).usingRecursiveComparison().isEqualTo(expected);
			assertThat(result.id()).isEqualTo("chatcmpl-1");
			assertThat(result.model()).isEqualTo("gpt-4o");
			assertThat(result.usage()).isEqualTo(new UsageBody(7, 2, 9));
			assertThat(result.choices()).hasSize(3);
			assertThat(result.choices().get(2).message().content()).isEqualTo("caf\u00e9 \u00e9\n");
			assertThat(result.choices().get(2).message().toolCalls()).hasSize(1);
			assertThat(result.toResponse().toolCalls().get(0).arguments()).isEqualTo("{\"x\":1}");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"choices\":[{\"index\":\"0\",\"message\":{\"content\":\"a\",\"role\":5}}],\"model\":5}",
			"{\"choices\":[{\"index\":0.0,\"message\":{\"content\":\"a\"},\"finish_reason\":7}],\"id\":123}",
			"{\"choices\":[{\"index\":null,\"message\":null,\"finish_reason\":null},{}],\"model\":null,\"usage\":{}}",
			"{\"choices\":[{\"message\":{\"content\":null,\"tool_calls\":null,\"role\":null}}],\"usage\":null}",
			"{\"usage\":{\"prompt_tokens\":\"3\",\"completion_tokens\":null,\"total_tokens\":4.0}}",
			"{\"choices\":null}", "{}", "{\"choices\":[]}", "{\"choices\":[{\"index\":0,\"index\":1}]}" })
	void readsValuesOfOtherShapesAsTheMapperDoes(String json) {
		ChatCompletionResult expected = LlmJson.mapper().readValue(json, ChatCompletionResult.class);
		for (int piece : PIECES) {
			assertThat(parse(json, piece)).usingRecursiveComparison().isEqualTo(expected);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"choices\":[{\"index\":true}]}", "{\"model\":{\"name\":\"m\"}}",
			"{\"choices\":\"none\"}", "{\"choices\":[1]}", "[{\"index\":0}]", "\"text\"",
			"{\"usage\":{\"prompt_tokens\":\"x\"}}", "{\"choices\":[{\"index\":9999999999}]}",
			"{\"choices\":[{\"message\":{\"tool_calls\":{\"id\":1}}}]}", "{\"choices\":[{\"message\":7}]}" })
	void refusesValuesTheMapperRefuses(String json) {
		Throwable expected = catchThrowable(() -> LlmJson.mapper().readValue(json, ChatCompletionResult.class));
		assertThat(expected).isInstanceOf(JacksonException.class);
		for (int piece : PIECES) {
			assertThat(catchThrowable(() -> parse(json, piece))).isInstanceOf(JacksonException.class);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "42", "true", "{\"a\":1}", "[\"a\"]" })
	void refusesTextThatIsNotAStringWithTheMappersMessage(String content) {
		String json = "{\"choices\":[{\"message\":{\"content\":" + content + "}}]}";
		Throwable expected = catchThrowable(() -> LlmJson.mapper().readValue(json, ChatCompletionResult.class));
		for (int piece : PIECES) {
			assertThat(catchThrowable(() -> parse(json, piece))).isInstanceOf(JacksonException.class)
				.extracting((failure) -> ((JacksonException) failure).getOriginalMessage())
				.isEqualTo(((JacksonException) expected).getOriginalMessage());
		}
	}

	@Test
	void truncatedOrMalformedAnswersAreJsonFailures() {
		String json = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"hi\"}}],\"model\":\"m\"}";
		for (int end = 1; end < json.length(); end++) {
			String truncated = json.substring(0, end);
			assertThat(catchThrowable(() -> parse(truncated, 5))).as(truncated).isInstanceOf(JacksonException.class);
		}
		assertThat(catchThrowable(() -> parse("{\"choices\":[}", 2))).isInstanceOf(JacksonException.class);
		assertThat(catchThrowable(() -> parse("   ", 2))).isInstanceOf(LlmResponseException.class)
			.hasMessageContaining("no JSON value");
	}

	@Test
	void tokensAfterTheAnswerAreRefusedAsTheMapperRefusesThem() {
		String json = "{\"choices\":[]} {\"choices\":[]}";
		assertThat(catchThrowable(() -> LlmJson.mapper().readValue(json, ChatCompletionResult.class)))
			.isInstanceOf(JacksonException.class);
		for (int piece : PIECES) {
			assertThat(catchThrowable(() -> parse(json, piece))).isInstanceOf(LlmResponseException.class)
				.hasMessageContaining("trailing token (START_OBJECT) after the answer");
		}
	}

	@Test
	void jsonNullIsNoAnswer() {
		assertThat(parse(" null ", 2)).isNull();
	}

	@Test
	void holdsTheLongestTextAsItArrivesNotTheAnswerOnceRead() {
		String text = "x".repeat(100_000);
		byte[] bytes = ("{\"choices\":[{\"message\":{\"content\":\"" + text + "\"}}],\"model\":\"m\"}")
			.getBytes(StandardCharsets.UTF_8);
		ChatAnswerParser parser = new ChatAnswerParser(LlmJson.mapper());
		parser.feed(ByteBuffer.wrap(bytes, 0, 50_000));
		// the text so far is held by the parser, two bytes a character
		assertThat(parser.heldBytes()).isGreaterThanOrEqualTo(2 * 50_000L);
		parser.feed(ByteBuffer.wrap(bytes, 50_000, bytes.length - 50_000));
		assertThat(parser.finish().choices().get(0).message().content()).isEqualTo(text);
		parser.close();
		assertThat(parser.heldBytes()).isBetween(2L * text.length(), 8192 + 2L * bytes.length);
	}

	private static @Nullable ChatCompletionResult parse(String json, int piece) {
		ChatAnswerParser parser = new ChatAnswerParser(LlmJson.mapper());
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

}
