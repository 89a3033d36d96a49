package dev.customllm.completion;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The completion value types: what a builder sets, {@code toBuilder()} gives back, equal
 * values are equal, lists are copied, and {@code toString} keeps texts to itself.
 */
class CompletionValueTypesTests {

	private static final ToolCall CALL = new ToolCall("call_1", "lookup", "{\"q\":\"x\"}");

	private static final ToolDefinition LOOKUP = ToolDefinition.of("lookup", "Look a product up", schema());

	@Test
	void requestCopiedWithToBuilderIsEqualAndEveryValueCanBeChanged() {
		CompletionRequest request = fullRequest();
		CompletionRequest copy = request.toBuilder().build();

		assertThat(copy).isEqualTo(request).hasSameHashCodeAs(request).isNotSameAs(request);
		assertThat(copy.model()).isEqualTo("m");
		assertThat(copy.messages()).containsExactly(Message.system("Be brief."));
		assertThat(copy.prompt()).isEqualTo("secret prompt");
		assertThat(copy.temperature()).isEqualTo(0.5);
		assertThat(copy.maxTokens()).isEqualTo(64);
		assertThat(copy.topP()).isEqualTo(0.9);
		assertThat(copy.stop()).containsExactly("END");
		assertThat(copy.seed()).isEqualTo(7L);
		assertThat(copy.extra()).containsEntry("top_k", 40);
		assertThat(copy.tools()).containsExactly(LOOKUP);
		assertThat(copy.toolChoice()).isEqualTo("auto");
		assertThat(copy.responseFormat()).isEqualTo(ResponseFormat.json());
		assertThat(copy.repairAttempts()).isEqualTo(2);
		assertThat(request.toBuilder().seed(8).build()).isNotEqualTo(request);
		assertThat(request.toBuilder().clearMessages().build().messages()).isEmpty();
		assertThat(request.toBuilder().prompt(null).build().prompt()).isNull();
		assertThat(request.messages()).hasSize(1);
	}

	@Test
	void requestCopiesItsListsAndGivesThemOutUnmodifiable() {
		List<Message> history = new ArrayList<>(List.of(Message.user("one")));
		CompletionRequest request = CompletionRequest.builder().messages(history).build();
		history.add(Message.user("two"));

		assertThat(request.messages()).containsExactly(Message.user("one"));
		assertUnmodifiable(request.messages(), Message.user("three"));
		assertUnmodifiable(request.stop(), "x");
		assertUnmodifiable(request.tools(), LOOKUP);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> request.extra().put("top_k", 1));
	}

	@Test
	void requestStillChecksItsValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> CompletionRequest.builder().build());
		assertThatIllegalArgumentException().isThrownBy(() -> CompletionRequest.of(" "));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CompletionRequest.builder().prompt("p").repairAttempts(4).build());
		assertThatIllegalArgumentException().isThrownBy(() -> fullRequest().toBuilder().temperature(3).build());
	}

	@Test
	void requestToStringShowsNoPromptOrMessageText() {
		String text = fullRequest().toString();

		assertThat(text).doesNotContain("secret prompt").doesNotContain("Be brief.").contains("13 chars");
		assertThat(text).contains("model=m", "messages=1", "tools=[lookup]", "extra=[top_k]");
	}

	@Test
	void responseCopiedWithToBuilderIsEqual() {
		CompletionResponse response = CompletionResponse.builder()
			.id("id")
			.model("m")
			.text("the answer")
			.finishReason("tool_calls")
			.usage(Usage.of(1, 2, 3))
			.toolCalls(List.of(CALL))
			.build();

		assertThat(response.toBuilder().build()).isEqualTo(response).hasSameHashCodeAs(response);
		assertThat(response.toBuilder().text("other").build()).isNotEqualTo(response);
		assertThat(response.toString()).doesNotContain("the answer").contains("10 chars", "toolCalls=[lookup]");
		assertThat(CompletionResponse.of("hi").text()).isEqualTo("hi");
		assertThat(CompletionResponse.of("hi").toolCalls()).isEmpty();
		assertThat(CompletionResponse.builder().build().text()).isEmpty();
	}

	@Test
	void responseAndChunkCopyTheirToolCalls() {
		assertCopiesToolCalls((calls) -> CompletionResponse.builder().toolCalls(calls).build().toolCalls());
		assertCopiesToolCalls((calls) -> CompletionChunk.builder().toolCalls(calls).build().toolCalls());
		assertCopiesToolCalls((calls) -> Message.assistant("", calls).toolCalls());
	}

	@Test
	void chunkCopiedWithToBuilderIsEqual() {
		CompletionChunk last = CompletionChunk.builder()
			.last(true)
			.finishReason("stop")
			.usage(Usage.of(1, 2, 3))
			.toolCalls(List.of(CALL))
			.model("m")
			.build();

		assertThat(last.toBuilder().build()).isEqualTo(last).hasSameHashCodeAs(last);
		assertThat(last.toBuilder().last(false).build()).isNotEqualTo(last);
		assertThat(CompletionChunk.delta("piece", "m"))
			.isEqualTo(CompletionChunk.builder().text("piece").model("m").build());
		assertThat(CompletionChunk.delta("piece").toString()).doesNotContain("piece");
		assertThatIllegalArgumentException().isThrownBy(() -> CompletionChunk.delta(null));
	}

	@Test
	void messageCopiedWithToBuilderIsEqual() {
		Message question = Message
			.user(List.of(ContentPart.text("What is this?"), ContentPart.imageUrl("https://example.com/a.png")));
		Message tool = Message.tool("call_1", "42");

		assertThat(question.toBuilder().build()).isEqualTo(question).hasSameHashCodeAs(question);
		assertThat(tool.toBuilder().build()).isEqualTo(tool);
		assertThat(Message.of("user", "hi")).isEqualTo(Message.user("hi")).isNotEqualTo(Message.system("hi"));
		assertThat(Message.builder().role("assistant").toolCalls(List.of(CALL)).build())
			.isEqualTo(Message.assistant("", List.of(CALL)));
		assertThat(question.toString()).doesNotContain("What is this?").contains("role=user");
		assertUnmodifiable(question.parts(), ContentPart.text("more"));
	}

	@Test
	void messageStillChecksItsValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> Message.builder().content("x").build());
		assertThatIllegalArgumentException().isThrownBy(() -> Message.builder().role("tool").content("x").build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Message.builder().role("user").toolCalls(List.of(CALL)).build());
	}

	@Test
	void usageFromFactoryAndBuilderAreEqual() {
		Usage usage = Usage.of(10, 5, 15);

		assertThat(Usage.builder().promptTokens(10).completionTokens(5).build()).isEqualTo(usage)
			.hasSameHashCodeAs(usage);
		assertThat(usage.toBuilder().build()).isEqualTo(usage);
		assertThat(usage.toBuilder().totalTokens(16).build()).isNotEqualTo(usage);
		assertThat(usage.toString()).isEqualTo(
				"Usage[promptTokens=10, completionTokens=5, totalTokens=15, cachedTokens=null, reasoningTokens=null]");
	}

	@Test
	void toolDefinitionCopiesItsSchema() {
		ObjectNode parameters = schema();
		ToolDefinition definition = ToolDefinition.of("lookup", "Look a product up", parameters);
		parameters.put("type", "array");
		((ObjectNode) definition.parameters()).put("type", "string");

		assertThat(definition.parameters().path("type").asString()).isEqualTo("object");
		assertThat(definition.toBuilder().build()).isEqualTo(definition).hasSameHashCodeAs(definition);
		assertThat(definition.toBuilder().description("other").build()).isNotEqualTo(definition);
		assertThatIllegalArgumentException().isThrownBy(() -> definition.toBuilder().name("no spaces").build());
	}

	@Test
	void completionDefaultsCopiesLeaveTheOriginalAsItWas() {
		CompletionDefaults defaults = CompletionDefaults.defaults().withModel("m").withMaxTokens(16);

		assertThat(CompletionDefaults.defaults()).isSameAs(CompletionDefaults.NONE);
		assertThat(CompletionDefaults.NONE.model()).isNull();
		assertThat(CompletionDefaults.NONE.api()).isEqualTo(CompletionApi.CHAT);
		assertThat(defaults.model()).isEqualTo("m");
		assertThat(defaults.maxTokens()).isEqualTo(16);
		assertThat(defaults.withApi(CompletionApi.TEXT).endpointPath()).isEqualTo(CompletionApi.TEXT.defaultPath());
		assertThat(defaults.withPath("/v2/chat").endpointPath()).isEqualTo("/v2/chat");
		assertThat(defaults.toBuilder().build()).isEqualTo(defaults).hasSameHashCodeAs(defaults);
		assertThat(defaults.withTemperature(0.2)).isNotEqualTo(defaults);
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withTemperature(2.5));
	}

	private static CompletionRequest fullRequest() {
		return CompletionRequest.builder()
			.model("m")
			.system("Be brief.")
			.prompt("secret prompt")
			.temperature(0.5)
			.maxTokens(64)
			.topP(0.9)
			.stop("END")
			.seed(7)
			.extra("top_k", 40)
			.tools(List.of(LOOKUP))
			.toolChoice("auto")
			.responseFormat(ResponseFormat.json())
			.repairAttempts(2)
			.build();
	}

	private static void assertCopiesToolCalls(Function<List<ToolCall>, List<ToolCall>> build) {
		List<ToolCall> calls = new ArrayList<>(List.of(CALL));
		List<ToolCall> built = build.apply(calls);
		calls.clear();

		assertThat(built).containsExactly(CALL);
		assertUnmodifiable(built, CALL);
	}

	private static <T> void assertUnmodifiable(List<T> list, T element) {
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> list.add(element));
	}

	private static ObjectNode schema() {
		ObjectNode schema = JsonMapper.shared().createObjectNode();
		schema.put("type", "object");
		return schema;
	}

}
