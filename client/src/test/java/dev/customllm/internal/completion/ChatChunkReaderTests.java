package dev.customllm.internal.completion;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.databind.JsonNode;

import dev.customllm.internal.json.LlmJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ChatChunkReader}.
 *
 * @author Custom LLM team
 */
class ChatChunkReaderTests {

	@Test
	void readsTheFirstChoiceModelAndUsageAndSkipsTheRest() {
		ChatChunkResult chunk = read("""
				{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","system_fingerprint":"fp",
				"choices":[{"index":0,"delta":{"role":"assistant","content":"Hi","extra":{"a":[1,2]}},
				"finish_reason":"stop","logprobs":null}],
				"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}""");
		assertThat(chunk).isEqualTo(new ChatChunkResult("m", true, "stop", "Hi", null, new UsageBody(3, 4, 7)));
	}

	@Test
	void picksTheChoiceWithIndexZeroOrTheFirstWithoutIndex() {
		assertThat(read("""
				{"choices":[null,{"index":1,"delta":{"content":"b"}},{"index":0,"delta":{"content":"a"}}]}""")
			.content()).isEqualTo("a");
		assertThat(read("""
				{"choices":[{"delta":{"content":"a"}},{"delta":{"content":"b"}}]}""").content()).isEqualTo("a");
		assertThat(read("""
				{"choices":[{"index":1,"delta":{"content":"b"}}]}""").hasChoice()).isFalse();
		assertThat(read("{\"choices\":[]}").hasChoice()).isFalse();
		assertThat(read("{\"choices\":null}").hasChoice()).isFalse();
		assertThat(read("{\"model\":null}")).isEqualTo(new ChatChunkResult(null, false, null, null, null, null));
	}

	@Test
	void notesAnErrorFieldThatIsAnObjectOrAString() {
		assertThat(read("{\"error\":{\"message\":\"overloaded\"},\"choices\":[]}").errorField()).isTrue();
		assertThat(read("{\"model\":\"m\",\"error\":\"overloaded\",\"choices\":[{\"index\":0}]}").errorField())
			.isTrue();
		assertThat(read("{\"error\":null,\"choices\":[]}").errorField()).isFalse();
		assertThat(read("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"},\"error\":{}}]}").errorField())
			.isFalse();
	}

	@Test
	void readsToolCallDeltas() {
		ChatChunkResult chunk = read("""
				{"choices":[{"index":0,"delta":{"content":null,"tool_calls":[{"index":0,"id":"call_1",
				"function":{"name":"weather","arguments":"{\\"ci"}}]}}]}""");
		assertThat(chunk.content()).isNull();
		assertThat(chunk.toolCalls())
			.containsExactly(new ToolCallDelta(0, "call_1", new FunctionCallBody("weather", "{\"ci")));
	}

	@Test
	void readsValuesOfUnusualTypesAsTheWireRecordsDeclareThem() {
		ChatChunkResult chunk = read("""
				{"model":7,"choices":[{"index":"0","delta":{"content":"a"},"finish_reason":null}]}""");
		assertThat(chunk.model()).isEqualTo("7");
		assertThat(chunk.content()).isEqualTo("a");
	}

	@Test
	void textThatIsNotAStringFailsInAnyChoice() {
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> read("{\"choices\":[{\"index\":0,\"delta\":{\"content\":42}}]}"))
			.withMessageContaining("text must be a JSON string, not a number");
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> read("""
				{"choices":[{"index":0,"delta":{"content":"a"}},{"index":1,"delta":{"content":true}}]}"""))
			.withMessageContaining("text must be a JSON string, not a boolean");
	}

	@Test
	void valuesOfTheWrongShapeFail() {
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> read("{\"model\":{\"name\":\"m\"}}"));
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> read("{\"choices\":[42]}"));
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> read("{\"choices\":[{\"delta\":{\"tool_calls\":\"x\"}}]}"));
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> read("[1]"));
	}

	@Test
	void reusesTheModelNameWhileItRepeatsAndReportsAChangedOne() {
		String first = read("{\"model\":\"model-a\"}").model();
		String again = read("{\"model\":\"model-a\"}").model();
		assertThat(again).isEqualTo("model-a").isSameAs(first);
		assertThat(read("{\"model\":\"model-b\"}").model()).isEqualTo("model-b");
		assertThat(read("{\"model\":\"model-c\"}").model()).isEqualTo("model-c");
		assertThat(read("{\"model\":\"model-\\u00e9\"}").model()).isEqualTo("model-é");
		assertThat(read("{\"model\":\"model-a\"}").model()).isEqualTo("model-a");
		assertThat(read("{\"model\":\"model-b\"}").model()).isEqualTo("model-b");
	}

	@Test
	void readsFromATreeAsFromBytes() {
		String json = "{\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}";
		JsonNode tree = LlmJson.mapper().readTree(json);
		assertThat(LlmJson.mapper().treeToValue(tree, ChatChunkResult.class)).isEqualTo(read(json));
	}

	@Test
	void readsTheUsualEventWithoutTheMapperAsTheMapperReadsIt() {
		for (String event : List.of(
				"""
						{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","system_fingerprint":"fp",
						"choices":[{"index":0,"delta":{"role":"assistant","content":"Hi \\"there\\" \\u00e9"},"finish_reason":null,
						"logprobs":null}],"usage":null}""",
				"""
						{"model":"m","choices":[{"index":0,"delta":{"reasoning_content":"Think"},"finish_reason":null}]}""",
				"""
						{"choices":[null,{"index":1,"delta":{"content":"b"}},{"delta":{"reasoning":"r","content":null}}]}""",
				"""
						{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""", "{}", """
						{"model":"m","error":{"message":"overloaded"},"choices":[]}""", """
						{"error":null,"choices":null,"unknown":{"a":[1,{"b":2}]}}""")) {
			assertThat(readDirectly(event)).as(event).isNotNull().isEqualTo(read(event));
		}
	}

	@Test
	void leavesRarePartsUnusualTypesAndTrailingTokensToTheMapper() {
		for (String event : List.of("""
				{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}""", """
				{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"c","function":{"name":"f"}}]}}]}""", """
				{"choices":[{"index":0,"delta":{"content":"a"},"logprobs":{"content":[]}}]}""", """
				{"model":7,"choices":[{"index":"0","delta":{"content":"a"}}]}""", """
				{"choices":{"index":0}}""", "{\"choices\":[]} {}", "[1]")) {
			assertThat(readDirectly(event)).as(event).isNull();
		}
	}

	@Test
	void refusesTextThatIsNotAStringAsTheMapperDoes() {
		String event = "{\"choices\":[{\"index\":0,\"delta\":{\"content\":5}}]}";
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> read(event));
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> readDirectly(event))
			.withMessageContaining("text must be a JSON string, not a number");
	}

	private static @Nullable ChatChunkResult readDirectly(String json) {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		try (JsonParser parser = LlmJson.mapper()
			.tokenStreamFactory()
			.createParser(ObjectReadContext.empty(), bytes, 0, bytes.length)) {
			return new ChatChunkReader().readDirectly(parser);
		}
	}

	private static ChatChunkResult read(String json) {
		return LlmJson.mapper().readValue(json.getBytes(StandardCharsets.UTF_8), ChatChunkResult.class);
	}

}
