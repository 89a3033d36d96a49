package dev.customllm.test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the reasoning, usage details and log-probabilities of the
 * {@link LlmSimulator}'s chat answers.
 */
@ExtendWith(LlmSimulatorExtension.class)
class SimulatedReasoningTests {

	private final SimulatorHttp http;

	SimulatedReasoningTests(LlmSimulator simulator) {
		this.http = new SimulatorHttp(simulator);
	}

	@Test
	void aReasoningModelAnswersWithReasoningContentAndReasoningTokens() {
		JsonNode completion = this.http.postJson("/chat/completions", chat("deepseek-reasoner", false, ""));
		JsonNode message = completion.path("choices").path(0).path("message");
		assertThat(message.path("reasoning_content").asString("")).startsWith("The user asks: Is 7 prime?");
		assertThat(message.path("content").asString("")).isEqualTo("Simulated answer: Is 7 prime?");
		JsonNode usage = completion.path("usage");
		int reasoning = usage.path("completion_tokens_details").path("reasoning_tokens").intValue();
		assertThat(reasoning).isEqualTo(message.path("reasoning_content").asString("").split(" ").length);
		assertThat(usage.path("completion_tokens").intValue()).isEqualTo(5 + reasoning);
		assertThat(usage.path("prompt_tokens_details").path("cached_tokens").isInt()).isTrue();
	}

	@Test
	void theHeaderChoosesTheSpellingOrInlineThinkTags() throws Exception {
		JsonNode reasoning = SimulatorHttp.json
			.readTree(this.http.post("/chat/completions", chat("m", false, ""), SimulatedReasoning.HEADER, "reasoning")
				.body());
		assertThat(reasoning.path("choices").path(0).path("message").has("reasoning")).isTrue();
		assertThat(reasoning.path("choices").path(0).path("message").has("reasoning_content")).isFalse();
		JsonNode think = SimulatorHttp.json.readTree(
				this.http.post("/chat/completions", chat("m", false, ""), SimulatedReasoning.HEADER, "think").body());
		assertThat(SimulatorHttp.content(think)).startsWith("<think>\nThe user asks: Is 7 prime?")
			.endsWith("</think>\n\nSimulated answer: Is 7 prime?");
		HttpResponse<String> none = this.http.post("/chat/completions", chat("qwen3-think", false, ""),
				SimulatedReasoning.HEADER, "none");
		assertThat(SimulatorHttp.content(SimulatorHttp.json.readTree(none.body()))).doesNotContain("<think>");
		HttpResponse<String> bad = this.http.post("/chat/completions", chat("m", false, ""), SimulatedReasoning.HEADER,
				"loud");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains(SimulatedReasoning.HEADER);
	}

	@Test
	void streamsSendReasoningDeltasBeforeTheTextAndThinkTagsInTheText() throws Exception {
		List<JsonNode> events = SimulatorHttp.events(
				this.http.post("/chat/completions", chat("m", true, ""), SimulatedReasoning.HEADER, "reasoning_content")
					.body());
		String reasoning = events.stream()
			.map((event) -> event.path("choices").path(0).path("delta").path("reasoning_content").asString(""))
			.collect(Collectors.joining());
		assertThat(reasoning).startsWith("The user asks: Is 7 prime?");
		assertThat(SimulatorHttp.deltas(events)).isEqualTo("Simulated answer: Is 7 prime?");
		assertThat(
				events.get(events.size() - 1).path("usage").path("completion_tokens_details").has("reasoning_tokens"))
			.isTrue();
		List<JsonNode> think = SimulatorHttp
			.events(this.http.post("/chat/completions", chat("qwen3-think", true, ""), "X-Other", "x").body());
		assertThat(SimulatorHttp.deltas(think)).startsWith("<think> The user asks:")
			.endsWith("</think> Simulated answer: Is 7 prime?");
	}

	@Test
	void logprobsComeWithEachTokenAndTheAlternativesAskedFor() throws Exception {
		JsonNode completion = this.http.postJson("/chat/completions",
				chat("m", false, ",\"logprobs\":true,\"top_logprobs\":2"));
		JsonNode tokens = completion.path("choices").path(0).path("logprobs").path("content");
		assertThat(tokens.size()).isEqualTo(5);
		assertThat(tokens.path(1).path("token").asString("")).isEqualTo(" answer:");
		assertThat(tokens.path(1).path("logprob").doubleValue()).isNegative();
		assertThat(tokens.path(1).path("top_logprobs").size()).isEqualTo(2);
		assertThat(tokens.path(0).path("bytes").size()).isEqualTo("Simulated".length());
		List<JsonNode> events = SimulatorHttp
			.events(this.http.post("/chat/completions", chat("m", true, ",\"logprobs\":true")).body());
		String streamed = events.stream()
			.flatMap((event) -> event.path("choices").path(0).path("logprobs").path("content").values().stream())
			.map((token) -> token.path("token").asString(""))
			.collect(Collectors.joining());
		assertThat(streamed).isEqualTo("Simulated answer: Is 7 prime?");
	}

	private static String chat(String model, boolean stream, String extra) {
		return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"stream_options\":{\"include_usage\":true},"
				+ "\"messages\":[{\"role\":\"user\",\"content\":\"Is 7 prime?\"}]" + extra + "}";
	}

}
