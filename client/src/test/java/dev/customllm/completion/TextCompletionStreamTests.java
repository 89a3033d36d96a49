package dev.customllm.completion;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.customllm.CustomLlmClient;
import dev.customllm.internal.json.LlmJson;
import dev.customllm.test.LlmSimulator;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CompletionModel#stream(CompletionRequest)} on the text API.
 *
 * @author Custom LLM team
 */
class TextCompletionStreamTests {

	private static LlmSimulator simulator;

	private static CustomLlmClient client;

	@BeforeAll
	static void start() {
		simulator = LlmSimulator.start();
		client = CustomLlmClient.builder()
			.baseUrl(simulator.baseUrl())
			.completionDefaults(CompletionDefaults.builder().model("text-model").api(CompletionApi.TEXT).build())
			.build();
	}

	@AfterAll
	static void stop() {
		client.close();
		simulator.close();
	}

	@Test
	void streamsTheAnswerInSeveralChunksEndingWithFinishReasonAndUsage() {
		CompletionRequest request = CompletionRequest.of("Once upon a time there was a parser that split every byte");
		String whole = client.completionModel().complete(request).text();
		List<CompletionChunk> chunks = client.completionModel()
			.stream(request)
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(chunks).hasSizeGreaterThan(3);
		assertThat(String.join("", chunks.stream().map(CompletionChunk::text).toList())).isEqualTo(whole);
		CompletionChunk last = chunks.get(chunks.size() - 1);
		assertThat(last.last()).isTrue();
		assertThat(last.finishReason()).isEqualTo("stop");
		assertThat(last.usage()).isNotNull();
		assertThat(last.model()).isEqualTo("text-model");
		JsonNode body = LlmJson.mapper()
			.readTree(simulator.wireMock().findAll(anyRequestedFor(anyUrl())).get(1).getBodyAsString());
		assertThat(body.get("prompt").asString()).isEqualTo(request.prompt());
		assertThat(body.get("stream").asBoolean()).isTrue();
		assertThat(body.get("stream_options").get("include_usage").asBoolean()).isTrue();
	}

	@Test
	void rejectsMessagesBeforeAnyCall() {
		CompletionRequest request = CompletionRequest.builder().message(Message.user("Hi")).build();
		assertThatIllegalArgumentException().isThrownBy(() -> client.completionModel().stream(request).blockLast());
	}

}
