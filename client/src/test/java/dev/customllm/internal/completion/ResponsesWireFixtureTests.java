package dev.customllm.internal.completion;

import dev.customllm.internal.http.ResponseMemory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import dev.customllm.LlmApiException;
import dev.customllm.LlmOperation;
import dev.customllm.LlmRateLimitException;
import dev.customllm.LlmResponseException;
import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.CompletionResponse;
import dev.customllm.completion.ToolCall;
import dev.customllm.completion.Usage;
import dev.customllm.internal.http.AnswerParser;
import dev.customllm.internal.http.EventStreams;
import dev.customllm.internal.json.LlmJson;
import dev.customllm.internal.parsing.WireFixtures;
import dev.customllm.internal.parsing.WireFixtures.Fixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests that OpenAI-shaped (and vLLM-shaped) Responses API answers, unary and streamed,
 * read as documented through the production readers, whatever the boundaries the network
 * splits them at: every single boundary, and random pieces.
 *
 * @author Custom LLM team
 */
class ResponsesWireFixtureTests {

	private static final StreamLimits LIMITS = new StreamLimits(1_000_000, 8, new ResponseMemory(64L << 20));

	private final long seed = WireFixtures.seed();

	private final Random random = new Random(this.seed);

	@Test
	void unaryAnswerCarriesTextReasoningSummariesAndUsageDetails() {
		CompletionResponse response = unary("openai-reasoning.json");
		assertThat(response.text()).isEqualTo("There are three \u201cr\u201ds in strawberry.");
		assertThat(response.reasoning())
			.isEqualTo("**Counting letters**\n\nThe word has three r's.\n\nDouble-checking: s-t-r-a-w-b-e-r-r-y.");
		assertThat(response.model()).isEqualTo("o4-mini-2025-04-16");
		assertThat(response.id()).isEqualTo("resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b");
		assertThat(response.finishReason()).isEqualTo("stop");
		assertThat(response.usage()).isEqualTo(Usage.builder()
			.promptTokens(36)
			.completionTokens(150)
			.totalTokens(186)
			.cachedTokens(12)
			.reasoningTokens(128)
			.build());
	}

	@Test
	void unaryFunctionCallsBecomeToolCalls() {
		CompletionResponse response = unary("openai-tool-call.json");
		assertThat(response.text()).isEmpty();
		assertThat(response.toolCalls()).containsExactly(
				new ToolCall("call_12345xyz", "get_weather", "{\"location\":\"Paris, France\"}"),
				new ToolCall("call_67890abc", "get_time", "{\"zone\":\"Europe/Paris\"}"));
		assertThat(response.finishReason()).isEqualTo("tool_calls");
		assertThat(response.usage().cachedTokens()).isZero();
	}

	@Test
	void unaryStructuredOutputIsTheMessageText() {
		CompletionResponse response = unary("openai-structured.json");
		assertThat(response.text()).isEqualTo("{\"title\":\"Spring Boot\",\"keywords\":[\"java\",\"starter\"]}");
		assertThat(response.reasoning()).isNull();
	}

	@Test
	void unaryReasoningTextIsReadWhenThereIsNoSummary() {
		CompletionResponse response = unary("vllm-reasoning-text.json");
		assertThat(response.text()).isEqualTo("4");
		assertThat(response.reasoning()).isEqualTo("The user asks for 2+2. That is 4.");
		assertThat(response.usage().reasoningTokens()).isEqualTo(19);
	}

	@Test
	void unaryIncompleteAnswerFinishesForLength() {
		CompletionResponse response = unary("openai-incomplete.json");
		assertThat(response.text()).isEqualTo("Once upon a time");
		assertThat(response.finishReason()).isEqualTo("length");
		assertThat(response.usage().cachedTokens()).isNull();
	}

	@Test
	void unaryFailedAnswerIsAnApiErrorAndAnEmptyOneIsUnusable() {
		byte[] failed = """
				{"id":"resp_f","object":"response","status":"failed","output":[],\
				"error":{"code":"server_error","message":"The model failed"}}""".getBytes();
		assertThatExceptionOfType(LlmApiException.class)
			.isThrownBy(() -> EventStreams.parse(List.of(failed), CompletionEndpoint.RESPONSES.parsers().get()))
			.withMessageContaining("The model failed");
		byte[] empty = "{\"id\":\"resp_e\",\"status\":\"completed\",\"output\":[]}".getBytes();
		assertThatExceptionOfType(LlmResponseException.class)
			.isThrownBy(() -> EventStreams.parse(List.of(empty), ResponsesResult.class).toResponse())
			.withMessageContaining("answer has no text and no tool calls (finish_reason stop)");
		byte[] none = "{\"id\":\"resp_n\",\"status\":\"completed\"}".getBytes();
		assertThatExceptionOfType(LlmResponseException.class)
			.isThrownBy(() -> EventStreams.parse(List.of(none), ResponsesResult.class).toResponse())
			.withMessageContaining("answer has no output");
		byte[] number = """
				{"status":"completed","output":[{"type":"message","content":[{"type":"output_text","text":42}]}]}"""
			.getBytes();
		// the transport maps the mapper's refusal to an LlmResponseException
		assertThatThrownBy(() -> EventStreams.parse(List.of(number), ResponsesResult.class))
			.hasMessageContaining("text must be a JSON string, not a number");
	}

	@Test
	void streamCarriesReasoningThenTextThenUsageWithoutDone() {
		List<CompletionChunk> chunks = stream(fixture("openai-reasoning.sse"));
		assertThat(text(chunks)).isEqualTo("There are three \u201cr\u201ds in strawberry.");
		assertThat(reasoning(chunks)).isEqualTo("**Counting letters**\n\nThe word has three r's.\n\nDouble-checking.");
		assertThat(chunks.get(0).reasoning()).isEqualTo("**Counting");
		assertThat(chunks.get(0).text()).isEmpty();
		CompletionChunk last = chunks.get(chunks.size() - 1);
		assertThat(last.last()).isTrue();
		assertThat(last.finishReason()).isEqualTo("stop");
		assertThat(last.model()).isEqualTo("o4-mini-2025-04-16");
		assertThat(last.usage()).isEqualTo(Usage.builder()
			.promptTokens(36)
			.completionTokens(150)
			.totalTokens(186)
			.cachedTokens(12)
			.reasoningTokens(128)
			.build());
	}

	@Test
	void streamAssemblesFunctionCallsFromDeltasOrFromTheirItems() {
		List<CompletionChunk> chunks = stream(fixture("openai-tool-call.sse"));
		CompletionChunk last = chunks.get(chunks.size() - 1);
		assertThat(chunks).hasSize(1);
		assertThat(last.toolCalls()).containsExactly(
				new ToolCall("call_1", "get_weather", "{\"location\":\"Paris, France\"}"),
				new ToolCall("call_2", "get_time", "{\"zone\":\"Europe/Paris\"}"));
		assertThat(last.finishReason()).isEqualTo("tool_calls");
		assertThat(last.usage()).isEqualTo(Usage.of(291, 23, 314));
	}

	@Test
	void streamedStructuredOutputWithCrlfLinesIsItsText() {
		List<CompletionChunk> chunks = stream(fixture("openai-structured.sse"));
		assertThat(text(chunks)).isEqualTo("{\"title\":\"Spring Boot\",\"keywords\":[\"java\",\"starter\"]}");
	}

	@Test
	void streamedReasoningTextWithoutEventNamesAndAnIncompleteEnd() {
		List<CompletionChunk> chunks = stream(fixture("vllm-reasoning-text.sse"));
		assertThat(reasoning(chunks)).isEqualTo("The user asks for 2+2.");
		assertThat(text(chunks)).isEqualTo("4");
		CompletionChunk last = chunks.get(chunks.size() - 1);
		assertThat(last.finishReason()).isEqualTo("length");
		assertThat(last.usage().reasoningTokens()).isEqualTo(19);
	}

	@Test
	void errorEventAndFailedResponseFailTheStreamAsErrorStatusesDo() {
		assertThatExceptionOfType(LlmRateLimitException.class)
			.isThrownBy(() -> stream(fixture("openai-error-event.sse")))
			.withMessageContaining("Rate limit reached for requests");
		assertThatExceptionOfType(LlmApiException.class).isThrownBy(() -> stream(fixture("openai-failed.sse")))
			.withMessageContaining("The model failed to generate a response.")
			.satisfies((failure) -> assertThat(failure.status()).isEqualTo(500));
	}

	@Test
	void streamCutBeforeItsLastEventIsUnusable() {
		String body = new String(fixture("openai-structured.sse").bytes());
		byte[] cut = body.substring(0, body.indexOf("event: response.completed")).getBytes();
		assertThatExceptionOfType(LlmResponseException.class).isThrownBy(() -> stream(new Fixture("cut", cut)))
			.withMessageContaining("stream ended before");
	}

	@Test
	void theProductionParserReadsUnaryAnswersAsTheMapperReadsTheWireRecords() {
		List<Fixture> fixtures = new ArrayList<>(WireFixtures.files("responses"));
		fixtures.add(new Fixture("odd shapes", """
				{"output":[null,{"type":"message","content":[null,{"type":"output_text","text":"a","x":[{"y":1}]}],
				 "summary":null,"call_id":null,"name":7},{"type":"reasoning","summary":[{"type":"summary_text",
				 "text":"t"}],"content":null}],"id":null,"model":null,"status":"incomplete","error":null,
				 "incomplete_details":{"reason":"content_filter"},"usage":{"input_tokens":1,"output_tokens":"2"},
				 "unknown":{"output":[1,2]}}""".getBytes()));
		fixtures.add(new Fixture("output as an odd value", "{\"output\":[],\"usage\":null}".getBytes()));
		for (Fixture fixture : fixtures) {
			ResponsesResult expected = LlmJson.mapper().readValue(fixture.bytes(), ResponsesResult.class);
			for (int i = 0; i < 20; i++) {
				List<byte[]> pieces = WireFixtures.split(fixture.bytes(), this.random);
				AnswerParser<ResponsesResult> parser = CompletionEndpoint.RESPONSES.parsers().get();
				ResponsesResult actual = EventStreams.parse(pieces, parser);
				assertThat(actual).as(describe(fixture, pieces)).usingRecursiveComparison().isEqualTo(expected);
				assertThat(actual).as(describe(fixture, pieces)).isEqualTo(expected);
			}
		}
	}

	@Test
	void everyBoundaryAndRandomPiecesReadAsTheWholeBody() {
		for (Fixture fixture : WireFixtures.files("responses")) {
			CompletionResponse whole = unary(fixture, List.of(fixture.bytes()));
			for (List<byte[]> pieces : splits(fixture.bytes())) {
				assertThat(unary(fixture, pieces)).as(describe(fixture, pieces)).isEqualTo(whole);
			}
		}
		for (Fixture fixture : WireFixtures.files("responses-stream")) {
			Object whole = outcome(fixture, List.of(fixture.bytes()));
			for (List<byte[]> pieces : splits(fixture.bytes())) {
				assertThat(outcome(fixture, pieces)).as(describe(fixture, pieces)).isEqualTo(whole);
			}
		}
	}

	/**
	 * Every split in two, then random splits.
	 */
	private List<List<byte[]>> splits(byte[] bytes) {
		List<List<byte[]>> splits = new ArrayList<>();
		for (int at = 1; at < bytes.length; at++) {
			splits.add(List.of(Arrays.copyOfRange(bytes, 0, at), Arrays.copyOfRange(bytes, at, bytes.length)));
		}
		for (int i = 0; i < 50; i++) {
			splits.add(WireFixtures.split(bytes, this.random));
		}
		return splits;
	}

	private String describe(Fixture fixture, List<byte[]> pieces) {
		return "seed " + this.seed + ", " + fixture.name() + " in pieces of "
				+ pieces.stream().map((piece) -> piece.length).toList();
	}

	/**
	 * The chunks of a stream, or the type and message of its failure.
	 */
	private static Object outcome(Fixture fixture, List<byte[]> pieces) {
		try {
			return stream(pieces);
		}
		catch (RuntimeException ex) {
			return ex.getClass().getName() + ": " + ex.getMessage();
		}
	}

	private static CompletionResponse unary(String name) {
		Fixture fixture = WireFixtures.files("responses")
			.stream()
			.filter((file) -> file.name().endsWith("/" + name))
			.findFirst()
			.orElseThrow();
		return unary(fixture, List.of(fixture.bytes()));
	}

	private static CompletionResponse unary(Fixture fixture, List<byte[]> pieces) {
		return EventStreams.parse(pieces, CompletionEndpoint.RESPONSES.parsers().get()).toResponse();
	}

	private static Fixture fixture(String name) {
		return WireFixtures.files("responses-stream")
			.stream()
			.filter((file) -> file.name().endsWith("/" + name))
			.findFirst()
			.orElseThrow();
	}

	private static List<CompletionChunk> stream(Fixture fixture) {
		return stream(List.of(fixture.bytes()));
	}

	private static List<CompletionChunk> stream(List<byte[]> pieces) {
		List<ResponsesEvent> events = EventStreams.read(pieces, ResponsesEvent.class);
		return ChunkAssembler.assemble(LlmOperation.CHAT, LIMITS, Flux.fromIterable(events)).collectList().block();
	}

	private static String text(List<CompletionChunk> chunks) {
		return String.join("", chunks.stream().map(CompletionChunk::text).toList());
	}

	private static String reasoning(List<CompletionChunk> chunks) {
		return String.join("",
				chunks.stream().map(CompletionChunk::reasoning).filter((piece) -> piece != null).toList());
	}

}
