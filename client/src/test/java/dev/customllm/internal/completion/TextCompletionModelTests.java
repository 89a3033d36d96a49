package dev.customllm.internal.completion;

import dev.customllm.completion.CompletionApi;
import dev.customllm.completion.CompletionDefaults;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.CompletionResponse;
import dev.customllm.completion.TokenLogprob;
import dev.customllm.completion.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import dev.customllm.testing.SimulatedClient;
import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;
import dev.customllm.internal.json.LlmJson;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link OpenAiCompletionModel} on the legacy {@code /completions} endpoint.
 */
class TextCompletionModelTests {

	@RegisterExtension
	static final SimulatedClient fixture = SimulatedClient
		.configured((builder) -> builder.completionDefaults(CompletionDefaults.builder()
			.model("gpt-3.5-turbo-instruct")
			.maxTokens(16)
			.api(CompletionApi.TEXT)
			.build()));

	@Test
	void sendsThePromptToTheCompletionsEndpoint() {
		CompletionModel model = fixture.client().completionModel();
		String text = model
			.complete(CompletionRequest.builder().prompt("Once upon a time").seed(7).extra("echo", false).build())
			.text();
		assertThat(text).isNotBlank();
		JsonNode body = LlmJson.mapper()
			.readTree(fixture.simulator()
				.wireMock()
				.findAll(anyRequestedFor(urlPathEqualTo("/v1/completions")))
				.get(0)
				.getBody());
		assertThat(body.get("model").asString()).isEqualTo("gpt-3.5-turbo-instruct");
		assertThat(body.get("prompt").asString()).isEqualTo("Once upon a time");
		assertThat(body.get("max_tokens").asInt()).isEqualTo(16);
		assertThat(body.get("seed").asInt()).isEqualTo(7);
		assertThat(body.get("echo").asBoolean()).isFalse();
		assertThat(body.has("messages")).isFalse();
	}

	@Test
	void readsAVllmTextAnswer() {
		fixture.simulator().wireMock().stubFor(post(anyUrl()).willReturn(okJson("""
				{"id":"cmpl-1","object":"text_completion","created":1733000000,"model":"facebook/opt-125m",
				 "choices":[{"index":0,"text":" there was a dragon","logprobs":null,"finish_reason":"length",
				 "stop_reason":null,"prompt_logprobs":null}],
				 "usage":{"prompt_tokens":5,"total_tokens":9,"completion_tokens":4}}""")));
		CompletionResponse response = fixture.client()
			.completionModel()
			.complete(CompletionRequest.of("Once upon a time"));
		assertThat(response.text()).isEqualTo(" there was a dragon");
		assertThat(response.finishReason()).isEqualTo("length");
		assertThat(response.usage()).isEqualTo(Usage.of(5, 4, 9));
		assertThat(response.model()).isEqualTo("facebook/opt-125m");
		assertThat(response.id()).isEqualTo("cmpl-1");
	}

	@Test
	void readsTheLegacyLogprobsOfATextAnswer() {
		fixture.simulator().wireMock().stubFor(post(anyUrl()).willReturn(okJson("""
				{"id":"cmpl-2","object":"text_completion","model":"facebook/opt-125m",
				 "choices":[{"index":0,"text":" a dragon","finish_reason":"length",
				 "logprobs":{"text_offset":[0,2],"token_logprobs":[-0.25,-1.5],"tokens":[" a"," dragon"],
				 "top_logprobs":[{" a":-0.25," the":-1.75},{" dragon":-1.5," king":-1.0}]}}],
				 "usage":{"prompt_tokens":5,"total_tokens":7,"completion_tokens":2}}""")));
		CompletionResponse response = fixture.client()
			.completionModel()
			.complete(CompletionRequest.builder().prompt("Once upon a time").logprobs(true).topLogprobs(2).build());
		assertThat(response.logprobs()).extracting(TokenLogprob::token, TokenLogprob::logprob)
			.containsExactly(tuple(" a", -0.25), tuple(" dragon", -1.5));
		assertThat(response.logprobs().get(1).topLogprobs()).extracting(TokenLogprob::token)
			.containsExactly(" king", " dragon");
		assertThat(fixture.simulator().requests()).last()
			.satisfies((request) -> assertThat(request.json().get("logprobs").asInt()).isEqualTo(2));
	}

	@Test
	void emptyTextIsAnError() {
		fixture.simulator()
			.wireMock()
			.stubFor(post(anyUrl())
				.willReturn(okJson("{\"choices\":[{\"index\":0,\"text\":\"\",\"finish_reason\":\"stop\"}]}")));
		assertThatExceptionOfType(LlmResponseException.class)
			.isThrownBy(() -> fixture.client().completionModel().complete("Hi"))
			.withMessageStartingWith("text_completion failed: unusable response: answer has no text")
			.satisfies((ex) -> assertThat(ex.operation()).isEqualTo(LlmOperation.TEXT_COMPLETION));
	}

}
