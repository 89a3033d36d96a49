package dev.customllm.internal.completion;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.customllm.completion.CompletionDefaults;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.Message;
import dev.customllm.completion.ResponseFormat;
import dev.customllm.completion.ToolCall;
import dev.customllm.completion.ToolDefinition;
import dev.customllm.internal.json.LlmJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PlainChatBodyWriter}: a plain body is written byte for byte as the
 * mapper writes it, any other by the mapper.
 */
class PlainChatBodyWriterTests {

	private static final CompletionDefaults DEFAULTS = CompletionDefaults.builder().model("default-model").build();

	@Test
	void writesEveryPlainBodyAsTheMapperDoes() {
		List<CompletionRequest> requests = new ArrayList<>();
		requests.add(CompletionRequest.of("Hi"));
		requests.add(CompletionRequest.builder().prompt("Quote \"this\", tab\t, newline\n, é, 😀, \u0001").build());
		requests.add(CompletionRequest.builder()
			.model("llama-3.1-8b")
			.message(Message.system("Be brief."))
			.message(Message.user("What is 2+2?"))
			.message(Message.assistant("4"))
			.message(Message.builder().role("assistant").content("thinking aside").reasoning("The user asks").build())
			.message(Message.tool("call_1", "{\"temp\":21}"))
			.prompt("And 3+3?")
			.temperature(0.25)
			.maxTokens(512)
			.topP(0.9)
			.stop("\n\n", "END")
			.seed(42L)
			.reasoningEffort("low")
			.logprobs(true)
			.topLogprobs(3)
			.build());
		requests.add(CompletionRequest.builder().prompt("x").temperature(1e-7).topP(1.0).build());
		requests.add(CompletionRequest.builder().prompt("x").logprobs(true).build());
		for (CompletionRequest request : requests) {
			ChatCompletionBody body = ChatCompletionBody.of(request, DEFAULTS);
			for (ChatCompletionBody each : List.of(body, body.streaming(true), body.streaming(false))) {
				assertThat(PlainChatBodyWriter.isPlain(each)).isTrue();
				assertThat(text(PlainChatBodyWriter.write(each, 0))).isEqualTo(text(LlmJson.write(each)));
			}
		}
	}

	@Test
	void writesANullModelAndAnEmptyContentAsTheMapperDoes() {
		ChatCompletionBody body = ChatCompletionBody.of(CompletionRequest.of("Hi"),
				CompletionDefaults.builder().build());
		assertThat(text(PlainChatBodyWriter.write(body, 0))).isEqualTo(text(LlmJson.write(body)));
		ChatCompletionBody empty = ChatCompletionBody
			.of(CompletionRequest.builder().message(Message.assistant("")).prompt("go on").build(), DEFAULTS);
		assertThat(text(PlainChatBodyWriter.write(empty, 0))).isEqualTo(text(LlmJson.write(empty)));
	}

	@Test
	void leavesBodiesWithToolsFormatsToolCallsOrExtraParametersToTheMapper() {
		ToolDefinition tool = ToolDefinition.of("weather", "The weather",
				LlmJson.mapper().readTree("{\"type\":\"object\"}"));
		List<CompletionRequest> requests = List.of(CompletionRequest.builder().prompt("x").tools(List.of(tool)).build(),
				CompletionRequest.builder().prompt("x").responseFormat(ResponseFormat.json()).build(),
				CompletionRequest.builder().prompt("x").extra("min_p", 0.05).build(),
				CompletionRequest.builder()
					.message(Message.assistant("", List.of(new ToolCall("call_1", "weather", "{}"))))
					.message(Message.tool("call_1", "sunny"))
					.prompt("and tomorrow?")
					.build());
		for (CompletionRequest request : requests) {
			ChatCompletionBody body = ChatCompletionBody.of(request, DEFAULTS);
			assertThat(PlainChatBodyWriter.isPlain(body)).isFalse();
			assertThat(text(PlainChatBodyWriter.write(body, 0))).isEqualTo(text(LlmJson.write(body)));
		}
	}

	private static String text(byte[] json) {
		return new String(json, StandardCharsets.UTF_8);
	}

}
