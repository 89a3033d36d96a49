package dev.customllm.internal.completion;

import dev.customllm.internal.http.ResponseMemory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import dev.customllm.LlmOperation;
import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.CompletionResponse;
import dev.customllm.completion.TokenLogprob;
import dev.customllm.completion.Usage;
import dev.customllm.internal.http.AnswerParser;
import dev.customllm.internal.http.EventStreams;
import dev.customllm.internal.parsing.WireFixtures;
import dev.customllm.internal.parsing.WireFixtures.Fixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answers of vLLM (with a reasoning parser), llama.cpp (with and without one),
 * Ollama, DeepSeek and OpenAI, as the fixture files hold them: their reasoning, usage
 * details and log-probabilities arrive where the documentation says, in unary answers and
 * streams, whichever byte the network splits the body at.
 *
 * @author Custom LLM team
 */
class ServerShapedAnswersTests {

	private static final StreamLimits LIMITS = new StreamLimits(1 << 20, 8, new ResponseMemory(64L << 20));

	private static final Map<String, Expected> UNARY = Map.of(
			"chat/vllm-reasoning.json", new Expected("The user asks for 9.11 vs 9.8; compare decimals.",
					"9.8 is greater than 9.11.", usage(18, 142, 160, null, null), ""),
			"chat/vllm-reasoning-logprobs.json",
			new Expected("Is 7 prime? It has no divisors but 1 and 7.", "Yes.", usage(24, 37, 61, 16, null),
					"Yes:-0.0123[Yes,No] .:-0.5[.,!]"),
			"chat/llamacpp-reasoning.json",
			new Expected("The user greets me. I should greet back.", "Hello! How can I help?",
					usage(12, 21, 33, 4, null), ""),
			"chat/llamacpp-think-inline.json",
			new Expected(null, "<think>\nThe user greets me. I should greet back.\n</think>\n\nHello! How can I help?",
					usage(9, 25, 34, null, null), ""),
			"chat/ollama-reasoning.json",
			new Expected("The capital of France is Paris.", "Paris.", usage(15, 19, 34, null, null), ""),
			"chat/deepseek-reasoner.json",
			new Expected("Compare 9.11 and 9.8: 0.11 < 0.80, so 9.11 < 9.8.", "9.11 is smaller than 9.8.",
					usage(21, 120, 141, 0, 98), ""),
			"chat/openai-unknown-fields.json",
			new Expected(null,
					"The image shows a wooden boardwalk \"path\" through a lush green field \u2014 caf\u00e9 \ud83c\udf3f.\n",
					usage(1117, 46, 1163, 0, 0), "The:-0.01[]"));

	private static final Map<String, Expected> STREAMED = Map.of("stream/vllm-reasoning.sse",
			new Expected("Is 7 prime? Yes.", "Yes.", usage(24, 7, 31, 16, null), "Yes:-0.01[Yes] .:-0.5[.]"),
			"stream/llamacpp-reasoning.sse",
			new Expected("The user greets me.", "Hello!", usage(12, 6, 18, 4, null), ""),
			"stream/llamacpp-think-inline.sse",
			new Expected(null, "<think>\nThe user greets me.\n</think>\n\nHello!", usage(9, 12, 21, null, null), ""),
			"stream/ollama-reasoning.sse",
			new Expected("The capital is Paris.", "Paris.", usage(15, 9, 24, null, null), ""),
			"stream/deepseek-reasoner.sse",
			new Expected("Compare 0.11 and 0.8.", "9.11 is smaller.", usage(21, 40, 61, 0, 30), ""),
			"stream/openai-include-usage.sse",
			new Expected(null, "Hello \u00e9\u00e8 \ud83d\ude00 \"q\"\\n", usage(9, 4, 13, 0, 0), ""));

	@Test
	void unaryAnswersCarryReasoningUsageDetailsAndLogprobsWhereverTheBodyIsSplit() {
		Map<String, Fixture> fixtures = byName(WireFixtures.files("chat"));
		UNARY.forEach((name, expected) -> {
			byte[] body = fixtures.get(name).bytes();
			for (int at = 0; at <= body.length; at++) {
				CompletionResponse response = parse(body, at).toResponse();
				assertThat(Expected.of(response)).as(name + " split at " + at).isEqualTo(expected);
			}
		});
	}

	@Test
	void streamsCarryReasoningUsageDetailsAndLogprobsWhereverTheBodyIsSplit() {
		Map<String, Fixture> fixtures = byName(WireFixtures.files("stream"));
		STREAMED.forEach((name, expected) -> {
			byte[] body = fixtures.get(name).bytes();
			for (int at = 0; at <= body.length; at++) {
				List<CompletionChunk> chunks = stream(body, at, Function.identity());
				assertThat(Expected.of(chunks)).as(name + " split at " + at).isEqualTo(expected);
				assertThat(chunks.subList(0, chunks.size() - 1)).as(name)
					.allSatisfy((chunk) -> assertThat(chunk.text().isEmpty() && chunk.reasoning() == null).isFalse());
			}
		});
	}

	@Test
	void logprobsCarryTheTokensBytesAndAlternatives() {
		byte[] body = byName(WireFixtures.files("chat")).get("chat/vllm-reasoning-logprobs.json").bytes();
		TokenLogprob first = parse(body, 0).toResponse().logprobs().get(0);
		assertThat(first.bytes()).containsExactly(89, 101, 115);
		assertThat(first.topLogprobs()).containsExactly(
				TokenLogprob.builder().token("Yes").logprob(-0.0123).bytes(List.of(89, 101, 115)).build(),
				TokenLogprob.builder().token("No").logprob(-4.41).bytes(List.of(78, 111)).build());
	}

	@Test
	void reasoningChunksCarryNoTextAndTextChunksNoReasoning() {
		byte[] body = byName(WireFixtures.files("stream")).get("stream/deepseek-reasoner.sse").bytes();
		List<CompletionChunk> chunks = stream(body, 0, Function.identity());
		assertThat(chunks).extracting(CompletionChunk::text, CompletionChunk::reasoning)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("", "Compare"),
					org.assertj.core.groups.Tuple.tuple("", " 0.11 and 0.8."),
					org.assertj.core.groups.Tuple.tuple("9.11", null),
					org.assertj.core.groups.Tuple.tuple(" is smaller.", null),
					org.assertj.core.groups.Tuple.tuple("", null));
	}

	@Test
	void thinkTagsOfLlamaCppWithoutAReasoningParserSplitIntoReasoningWhenAskedWhereverTheBodyIsSplit() {
		byte[] unary = byName(WireFixtures.files("chat")).get("chat/llamacpp-think-inline.json").bytes();
		for (int at = 0; at <= unary.length; at++) {
			CompletionResponse response = ThinkTags.split(parse(unary, at).toResponse());
			assertThat(response.reasoning()).isEqualTo("The user greets me. I should greet back.");
			assertThat(response.text()).isEqualTo("Hello! How can I help?");
		}
		byte[] streamed = byName(WireFixtures.files("stream")).get("stream/llamacpp-think-inline.sse").bytes();
		for (int at = 0; at <= streamed.length; at++) {
			Expected expected = new Expected("The user greets me.", "Hello!", usage(9, 12, 21, null, null), "");
			assertThat(Expected.of(stream(streamed, at, ThinkTags::split))).as("split at " + at).isEqualTo(expected);
		}
	}

	private static ChatCompletionResult parse(byte[] body, int at) {
		AnswerParser<ChatCompletionResult> parser = CompletionEndpoint.CHAT.parsers().get();
		try {
			parser.feed(ByteBuffer.wrap(Arrays.copyOfRange(body, 0, at)));
			parser.feed(ByteBuffer.wrap(Arrays.copyOfRange(body, at, body.length)));
			return parser.finish();
		}
		finally {
			parser.close();
		}
	}

	private static List<CompletionChunk> stream(byte[] body, int at,
			Function<Flux<CompletionChunk>, Flux<CompletionChunk>> then) {
		List<byte[]> pieces = List.of(Arrays.copyOfRange(body, 0, at), Arrays.copyOfRange(body, at, body.length));
		List<ChatChunkResult> results = EventStreams.read(pieces, ChatChunkResult.class);
		return ChunkAssembler.assemble(LlmOperation.CHAT, LIMITS, Flux.fromIterable(results))
			.transform(then)
			.collectList()
			.block(Duration.ofSeconds(5));
	}

	private static Map<String, Fixture> byName(List<Fixture> fixtures) {
		return fixtures.stream().collect(Collectors.toMap(Fixture::name, Function.identity()));
	}

	private static Usage usage(int prompt, int completion, int total, @Nullable Integer cached,
			@Nullable Integer reasoning) {
		return Usage.builder()
			.promptTokens(prompt)
			.completionTokens(completion)
			.totalTokens(total)
			.cachedTokens(cached)
			.reasoningTokens(reasoning)
			.build();
	}

	/**
	 * What an answer told: its reasoning, text, usage, and its log-probabilities written
	 * {@code token:logprob[alternatives]}.
	 */
	record Expected(@Nullable String reasoning, String text, @Nullable Usage usage, String logprobs) {

		static Expected of(CompletionResponse response) {
			return new Expected(response.reasoning(), response.text(), response.usage(), describe(response.logprobs()));
		}

		static Expected of(List<CompletionChunk> chunks) {
			String reasoning = chunks.stream()
				.map(CompletionChunk::reasoning)
				.filter((piece) -> piece != null)
				.collect(Collectors.joining());
			String text = chunks.stream().map(CompletionChunk::text).collect(Collectors.joining());
			CompletionChunk last = chunks.get(chunks.size() - 1);
			assertThat(last.last()).isTrue();
			String logprobs = describe(chunks.stream().flatMap((chunk) -> chunk.logprobs().stream()).toList());
			return new Expected(reasoning.isEmpty() ? null : reasoning, text, last.usage(), logprobs);
		}

		private static String describe(List<TokenLogprob> logprobs) {
			return logprobs.stream()
				.map((token) -> token.token() + ":" + token.logprob()
						+ token.topLogprobs().stream().map(TokenLogprob::token).toList().toString().replace(" ", ""))
				.collect(Collectors.joining(" "));
		}

	}

}
