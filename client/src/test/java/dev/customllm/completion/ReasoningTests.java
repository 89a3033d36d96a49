package dev.customllm.completion;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.CustomLlmClient;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reasoning, usage details and log-probabilities end to end, against the test kit's
 * simulator: where they arrive in answers and streams, and where they never go.
 */
@ExtendWith(LlmSimulatorExtension.class)
class ReasoningTests {

	private static final String HEADER = "X-Simulator-Reasoning";

	private static final CompletionRequest QUESTION = CompletionRequest.of("Is 7 prime?");

	private final LlmSimulator simulator;

	private final MeterRegistry meters = new SimpleMeterRegistry();

	ReasoningTests(LlmSimulator simulator) {
		this.simulator = simulator;
	}

	@Test
	void unaryAnswersCarryTheReasoningApartInEitherSpellingWithReasoningTokens() {
		for (String spelling : List.of("reasoning_content", "reasoning")) {
			try (CustomLlmClient client = client().header(HEADER, spelling).build()) {
				CompletionResponse response = client.completionModel("m").complete(QUESTION);
				assertThat(response.reasoning()).as(spelling).startsWith("The user asks: Is 7 prime?");
				assertThat(response.text()).isEqualTo("Simulated answer: Is 7 prime?");
				Usage usage = response.usage();
				assertThat(usage).isNotNull();
				assertThat(usage.reasoningTokens()).isEqualTo(response.reasoning().split(" ").length);
				assertThat(usage.cachedTokens()).isZero();
				assertThat(usage.completionTokens()).isEqualTo(5 + usage.reasoningTokens());
			}
		}
	}

	@Test
	void streamsCarryReasoningChunksBeforeTheTextAndTheUsageDetailsOnTheLastChunk() {
		try (CustomLlmClient client = client().build()) {
			List<CompletionChunk> chunks = client.completionModel("deepseek-reasoner")
				.stream(QUESTION)
				.collectList()
				.block(Duration.ofSeconds(10));
			assertThat(reasoning(chunks)).startsWith("The user asks: Is 7 prime?");
			assertThat(text(chunks)).isEqualTo("Simulated answer: Is 7 prime?");
			CompletionChunk firstText = chunks.stream().filter((chunk) -> !chunk.text().isEmpty()).findFirst().get();
			assertThat(chunks.indexOf(firstText)).isGreaterThan(0);
			assertThat(chunks.subList(0, chunks.indexOf(firstText)))
				.allSatisfy((chunk) -> assertThat(chunk.reasoning()).isNotEmpty());
			assertThat(chunks.get(chunks.size() - 1).usage().reasoningTokens()).isPositive();
		}
	}

	@Test
	void inlineThinkTagsStayInTheTextUnlessSplittingIsAskedFor() {
		try (CustomLlmClient client = client().build()) {
			CompletionModel model = client.completionModel("qwen3-think");
			assertThat(model.complete(QUESTION).text()).startsWith("<think>");
			assertThat(model.complete(QUESTION).reasoning()).isNull();
		}
		try (CustomLlmClient client = client().splitThinkTags(true).build()) {
			CompletionModel model = client.completionModel("qwen3-think");
			CompletionResponse response = model.complete(QUESTION);
			assertThat(response.reasoning()).startsWith("The user asks: Is 7 prime?").doesNotContain("think>");
			assertThat(response.text()).isEqualTo("Simulated answer: Is 7 prime?");
			List<CompletionChunk> chunks = model.stream(QUESTION).collectList().block(Duration.ofSeconds(10));
			assertThat(reasoning(chunks)).isEqualTo(response.reasoning());
			assertThat(text(chunks)).isEqualTo("Simulated answer: Is 7 prime?");
		}
	}

	@Test
	void logprobsArriveWithEachTokenOfTheTextWhenAskedFor() {
		CompletionRequest request = QUESTION.toBuilder().logprobs(true).topLogprobs(2).build();
		try (CustomLlmClient client = client().build()) {
			CompletionModel model = client.completionModel("m");
			assertThat(model.complete(QUESTION).logprobs()).isEmpty();
			CompletionResponse response = model.complete(request);
			assertThat(response.logprobs()).extracting(TokenLogprob::token)
				.containsExactly("Simulated", " answer:", " Is", " 7", " prime?");
			assertThat(response.logprobs()).allSatisfy((token) -> {
				assertThat(token.logprob()).isNegative();
				assertThat(token.topLogprobs()).hasSize(2);
			});
			List<CompletionChunk> chunks = model.stream(request).collectList().block(Duration.ofSeconds(10));
			assertThat(chunks.stream().flatMap((chunk) -> chunk.logprobs().stream()).toList())
				.isEqualTo(response.logprobs());
		}
		assertThat(this.simulator.requests()).last()
			.satisfies((sent) -> assertThat(sent.body()).contains("\"logprobs\":true", "\"top_logprobs\":2"));
	}

	@Test
	void usageDetailsAreCountedUnderTheirConventionNamesAndNoTextReachesAMeter() {
		try (CustomLlmClient client = client().build()) {
			CompletionResponse response = client.completionModel("deepseek-reasoner").complete(QUESTION);
			client.completionModel("deepseek-reasoner").stream(QUESTION).blockLast(Duration.ofSeconds(10));
			assertThat(this.meters.get("gen_ai.client.inference.usage.reasoning.output_tokens").counter().count())
				.isEqualTo(2.0 * response.usage().reasoningTokens());
			assertThat(this.meters.get("gen_ai.client.inference.usage.cache_read.input_tokens").counter().count())
				.isZero();
			assertThat(this.meters.get("gen_ai.client.token.usage")
				.tag("gen_ai.token.type", "output")
				.summary()
				.totalAmount()).isEqualTo(2.0 * response.usage().completionTokens());
		}
		for (Meter meter : this.meters.getMeters()) {
			assertThat(meter.getId().getTags()).extracting(Tag::getValue)
				.allSatisfy((value) -> assertThat(value).doesNotContain("user asks", "prime"));
		}
	}

	@Test
	void answersOfModelsThatDoNotReasonHaveNoReasoningNoDetailsAndNoDetailMeters() {
		try (CustomLlmClient client = client().build()) {
			CompletionResponse response = client.completionModel("m").complete(QUESTION);
			assertThat(response.reasoning()).isNull();
			assertThat(response.usage().reasoningTokens()).isNull();
			assertThat(response.usage().cachedTokens()).isNull();
		}
		assertThat(this.meters.find("gen_ai.client.inference.usage.reasoning.output_tokens").meters()).isEmpty();
	}

	private CustomLlmClient.Builder client() {
		return CustomLlmClient.builder().baseUrl(this.simulator.baseUrl()).meterRegistry(this.meters);
	}

	private static String reasoning(List<CompletionChunk> chunks) {
		return chunks.stream()
			.map(CompletionChunk::reasoning)
			.filter((piece) -> piece != null)
			.collect(Collectors.joining());
	}

	private static String text(List<CompletionChunk> chunks) {
		return chunks.stream().map(CompletionChunk::text).collect(Collectors.joining());
	}

}
