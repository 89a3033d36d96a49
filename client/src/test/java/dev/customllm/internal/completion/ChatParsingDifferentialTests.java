package dev.customllm.internal.completion;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.customllm.internal.http.AnswerParser;
import dev.customllm.internal.http.EventStreams;
import dev.customllm.internal.json.LlmJson;
import dev.customllm.internal.parsing.RandomAnswers;
import dev.customllm.internal.parsing.WireFixtures;
import dev.customllm.internal.parsing.WireFixtures.Fixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential tests of the hand-written chat parsers: every server-shaped answer (the
 * fixture files, the test kit's simulator, random valid answers), fed in random pieces to
 * the parser of the production path, reads as the plain JSON mapper reads the wire
 * records from the whole body. A failure names the seed; {@code -Dparsers.seed=…} replays
 * it.
 *
 * @author Custom LLM team
 */
class ChatParsingDifferentialTests {

	private final long seed = WireFixtures.seed();

	private final Random random = new Random(this.seed);

	@Test
	void unaryAnswersReadAsTheMapperReadsTheWireRecords() {
		List<Fixture> fixtures = new ArrayList<>(WireFixtures.files("chat"));
		fixtures.addAll(WireFixtures.simulated("chat"));
		for (int i = 0; i < WireFixtures.CASES; i++) {
			fixtures.add(new Fixture("random chat answer " + i, RandomAnswers.chat(this.random)));
		}
		for (Fixture fixture : fixtures) {
			List<byte[]> pieces = WireFixtures.split(fixture.bytes(), this.random);
			ChatCompletionResult expected = LlmJson.mapper().readValue(fixture.bytes(), ChatCompletionResult.class);
			assertThat(parse(pieces)).as(describe(fixture, pieces)).isEqualTo(expected);
		}
	}

	@Test
	void streamedChunksReadAsTheMapperReadsTheWireRecords() {
		List<Fixture> fixtures = new ArrayList<>(WireFixtures.files("stream"));
		fixtures.addAll(WireFixtures.simulated("stream"));
		for (int i = 0; i < WireFixtures.CASES; i++) {
			fixtures.add(new Fixture("random chat stream " + i, RandomAnswers.stream(this.random)));
		}
		for (Fixture fixture : fixtures) {
			List<byte[]> pieces = WireFixtures.split(fixture.bytes(), this.random);
			List<ChatChunkResult> expected = WireFixtures.payloads(fixture.bytes())
				.stream()
				.map((payload) -> LlmJson.mapper().readValue(payload, Chunk.class).flattened())
				.toList();
			assertThat(expected).as(fixture.name()).isNotEmpty();
			assertThat(EventStreams.read(pieces, ChatChunkResult.class)).as(describe(fixture, pieces))
				.isEqualTo(expected);
		}
	}

	@Test
	void membersTheWireRecordsDoNotDeclareAreDeliberatelyIgnored() {
		Set<String> ignored = new TreeSet<>();
		for (Fixture fixture : WireFixtures.files("chat")) {
			JsonNode answer = LlmJson.mapper().readTree(fixture.bytes());
			byte[] declared = LlmJson.mapper()
				.writeValueAsBytes(WireFixtures.declaredOnly(answer, ChatCompletionResult.class, ignored));
			assertThat(parse(List.of(fixture.bytes()))).as(fixture.name()).isEqualTo(parse(List.of(declared)));
		}
		// what servers add and the client does not read
		assertThat(ignored).contains("refusal", "annotations", "service_tier", "system_fingerprint", "timings",
				"audio_tokens", "accepted_prediction_tokens");
		// what the client reads since issue 25: reasoning, usage details,
		// log-probabilities
		assertThat(ignored).doesNotContain("reasoning_content", "reasoning", "logprobs", "prompt_tokens_details",
				"completion_tokens_details", "cached_tokens", "reasoning_tokens", "top_logprobs", "bytes");
		for (Class<?> record : List.of(ChatCompletionResult.class, ChatChoice.class, ChatChoiceMessage.class,
				ToolCallBody.class, FunctionCallBody.class, UsageBody.class, ChatChunkChoice.class,
				ChatChunkDelta.class, ToolCallDelta.class, TokenDetailsBody.class, LogprobsBody.class,
				TokenLogprobBody.class)) {
			assertThat(record.getAnnotation(JsonIgnoreProperties.class)).as(record.getSimpleName())
				.satisfies((annotation) -> assertThat(annotation.ignoreUnknown()).isTrue());
		}
	}

	private @Nullable ChatCompletionResult parse(List<byte[]> pieces) {
		AnswerParser<ChatCompletionResult> parser = CompletionEndpoint.CHAT.parsers().get();
		try {
			for (byte[] piece : pieces) {
				parser.feed(ByteBuffer.wrap(piece));
			}
			return parser.finish();
		}
		finally {
			parser.close();
		}
	}

	private String describe(Fixture fixture, List<byte[]> pieces) {
		return "seed " + this.seed + " (-Dparsers.seed=" + this.seed + "), " + fixture.name() + " in " + pieces.size()
				+ " pieces:\n" + fixture.text();
	}

	/**
	 * A streamed event as the wire records declare it, flattened as the client keeps it
	 * ({@link ChatChunkResult}): its first choice is the one with index 0, or the first
	 * without an index.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Chunk(@Nullable String model, @Nullable List<ChatChunkChoice> choices, @Nullable UsageBody usage) {

		ChatChunkResult flattened() {
			ChatChunkChoice first = null;
			for (ChatChunkChoice choice : (this.choices != null) ? this.choices : List.<ChatChunkChoice>of()) {
				if (choice != null && (choice.index() == null || choice.index() == 0)) {
					first = choice;
					break;
				}
			}
			if (first == null) {
				return new ChatChunkResult(this.model, false, null, null, null, this.usage);
			}
			ChatChunkDelta delta = first.delta();
			return new ChatChunkResult(this.model, true, first.finishReason(), (delta != null) ? delta.content() : null,
					(delta != null) ? delta.toolCalls() : null, this.usage,
					(delta != null) ? delta.reasoningText() : null, LogprobsBody.content(first.logprobs()), false);
		}

	}

}
