package dev.customllm.conformance;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.github.tomakehurst.wiremock.client.WireMock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.conformance.Finding.Support;
import dev.customllm.test.LlmFault;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConformanceCheck} against the simulator, as itself and configured to
 * behave like vLLM, Ollama and llama.cpp.
 */
@ExtendWith(LlmSimulatorExtension.class)
class ConformanceCheckTests {

	private static final String VLLM_BASE64_ERROR = """
			{"object":"error","message":"encoding_format base64 is not supported","type":"BadRequestError",\
			"param":null,"code":400}""";

	private static final String VLLM_ERROR = """
			{"object":"error","message":"messages: Input should be a valid list","type":"BadRequestError",\
			"param":null,"code":400}""";

	private static final String OLLAMA_EMBEDDINGS = """
			{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.6,0.8]},\
			{"object":"embedding","index":1,"embedding":[0.8,0.6]}],"model":"nomic-embed-text",\
			"usage":{"prompt_tokens":8,"total_tokens":8}}""";

	private static final String OLLAMA_STREAM = """
			data: {"id":"chatcmpl-1","object":"chat.completion.chunk","model":"llama3.2",\
			"choices":[{"index":0,"delta":{"role":"assistant","content":"OK"},"finish_reason":null}]}

			data: {"id":"chatcmpl-1","object":"chat.completion.chunk","model":"llama3.2",\
			"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":"stop"}]}

			data: [DONE]

			""";

	private static final String LLAMA_CPP_ERROR = """
			{"error":{"code":400,"message":"'messages' must be an array","type":"invalid_request_error"}}""";

	@Test
	void simulatorSupportsEverything(LlmSimulator simulator) {
		callsTools(simulator);
		List<Finding> findings = check(simulator);
		assertThat(findings).extracting(Finding::capability)
			.containsExactly("/models", "chat completions", "text completions", "streaming", "stream_options",
					"usage in streams", "responses", "responses streaming", "responses tool calls",
					"responses reasoning", "embeddings (float)", "embeddings (base64)", "tool calls",
					"response_format json_schema", "response_format json_object", "images", "reasoning_effort",
					"reasoning", "reasoning in streams", "usage details", "logprobs", "/rerank", "error format",
					"starter: CompletionModel", "starter: EmbeddingModel", "starter: structured output",
					"starter: RerankModel");
		assertThat(findings)
			.allSatisfy((finding) -> assertThat(finding.support()).as(finding.toString()).isEqualTo(Support.YES));
		assertThat(simulator.chatRequests())
			.allSatisfy((request) -> assertThat(request.header("Authorization")).isEqualTo("Bearer sk-conformance"));
	}

	@Test
	void aServiceWithoutTheResponsesApiIsReportedAndOneWithoutReasoningPartly(LlmSimulator simulator) {
		simulator.responses().whenRequestContains("\"reasoning\"").answers("OK");
		List<Finding> findings = check(simulator);
		assertThat(finding(findings, "responses").support()).isEqualTo(Support.YES);
		assertThat(finding(findings, "responses streaming").observed()).contains("response.completed with usage");
		assertThat(finding(findings, "responses reasoning")).satisfies((finding) -> {
			assertThat(finding.support()).isEqualTo(Support.PARTLY);
			assertThat(finding.starter()).contains("reasoning() stays null");
		});
		simulator.reset();
		simulator.responses().fails(LlmFault.status(404, "Not Found"));
		findings = check(simulator);
		assertThat(findings).filteredOn((finding) -> finding.capability().startsWith("responses"))
			.allSatisfy((finding) -> assertThat(finding.support()).as(finding.toString()).isEqualTo(Support.NO));
		assertThat(finding(findings, "responses").starter()).contains("custom.llm.completion.api=chat");
	}

	@Test
	void vllmRefusingBase64IsReportedAndTheStarterFallsBackToFloat(LlmSimulator simulator) {
		simulator.embeddings()
			.whenRequestContains("\"encoding_format\":\"base64\"")
			.fails(LlmFault.body(400, "application/json", VLLM_BASE64_ERROR));
		simulator.chat().whenRequestContains("not a list").fails(LlmFault.body(400, "application/json", VLLM_ERROR));
		List<Finding> findings = check(simulator);
		assertThat(finding(findings, "embeddings (base64)")).satisfies((finding) -> {
			assertThat(finding.support()).isEqualTo(Support.NO);
			assertThat(finding.observed()).contains("400", "encoding_format base64 is not supported");
			assertThat(finding.starter()).contains("float", "custom.llm.embedding.encoding-format=float");
		});
		assertThat(finding(findings, "embeddings (float)").support()).isEqualTo(Support.YES);
		assertThat(finding(findings, "error format").support()).isEqualTo(Support.PARTLY);
		assertThat(finding(findings, "starter: EmbeddingModel").support()).isEqualTo(Support.YES);
	}

	@Test
	void ollamaIgnoringEncodingFormatAndStreamUsageIsReported(LlmSimulator simulator) {
		simulator.wireMock().stubFor(WireMock.post("/v1/embeddings").willReturn(WireMock.okJson(OLLAMA_EMBEDDINGS)));
		simulator.wireMock()
			.stubFor(WireMock.post("/v1/chat/completions")
				.withRequestBody(WireMock.containing("\"stream\":true"))
				.willReturn(WireMock.ok(OLLAMA_STREAM).withHeader("Content-Type", "text/event-stream")));
		List<Finding> findings = check(simulator);
		assertThat(finding(findings, "embeddings (base64)")).satisfies((finding) -> {
			assertThat(finding.support()).isEqualTo(Support.PARTLY);
			assertThat(finding.observed()).contains("floats returned");
		});
		assertThat(finding(findings, "streaming").support()).isEqualTo(Support.YES);
		assertThat(finding(findings, "stream_options").support()).isEqualTo(Support.YES);
		assertThat(finding(findings, "usage in streams").support()).isEqualTo(Support.NO);
		assertThat(finding(findings, "starter: EmbeddingModel").observed()).startsWith("2 x 2 dimensions");
	}

	@Test
	void inlineThinkTagsAndARefusedReasoningEffortAreReported(LlmSimulator simulator) {
		simulator.chat()
			.whenRequestContains("reasoning_effort")
			.fails(LlmFault.status(400, "reasoning_effort is not supported"));
		List<Finding> findings = new ConformanceCheck(settings(simulator, "qwen3-think")).run();
		assertThat(finding(findings, "reasoning_effort").support()).isEqualTo(Support.NO);
		assertThat(finding(findings, "reasoning")).satisfies((finding) -> {
			assertThat(finding.support()).isEqualTo(Support.PARTLY);
			assertThat(finding.starter()).contains("custom.llm.completion.split-think-tags=true");
		});
		assertThat(finding(findings, "reasoning in streams").support()).isEqualTo(Support.PARTLY);
		assertThat(finding(findings, "usage details").support()).isEqualTo(Support.YES);
	}

	@Test
	void modelsThatDoNotReasonAndServersWithoutLogprobsAreReported(LlmSimulator simulator) {
		simulator.wireMock()
			.stubFor(WireMock.post("/v1/chat/completions")
				.withRequestBody(WireMock.containing("\"logprobs\":true"))
				.willReturn(WireMock
					.okJson("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"OK\"}}]}")));
		simulator.chat()
			.whenRequestContains("reasoning_effort")
			.fails(LlmFault.status(400, "reasoning_effort is not supported"));
		List<Finding> findings = new ConformanceCheck(settings(simulator, "llama3.2")).run();
		assertThat(finding(findings, "reasoning").support()).isEqualTo(Support.NO);
		assertThat(finding(findings, "usage details").support()).isEqualTo(Support.NO);
		assertThat(finding(findings, "logprobs")).satisfies((finding) -> {
			assertThat(finding.support()).isEqualTo(Support.NO);
			assertThat(finding.observed()).isEqualTo("accepted, none returned");
		});
	}

	@Test
	void llamaCppNumericErrorCodeIsReported(LlmSimulator simulator) {
		simulator.chat()
			.whenRequestContains("not a list")
			.fails(LlmFault.body(400, "application/json; charset=utf-8", LLAMA_CPP_ERROR));
		assertThat(finding(check(simulator), "error format")).satisfies((finding) -> {
			assertThat(finding.support()).isEqualTo(Support.PARTLY);
			assertThat(finding.observed()).contains("numeric code 400");
			assertThat(finding.starter()).contains("\"400\"");
		});
	}

	@Test
	void missingCapabilitiesAreReportedAsUnsupported(LlmSimulator simulator) {
		simulator.wireMock().stubFor(WireMock.get("/v1/models").willReturn(WireMock.notFound()));
		simulator.completions().fails(LlmFault.status(404, "Not Found"));
		simulator.chat().whenRequestContains("get_weather").fails(LlmFault.status(400, "tools are not supported"));
		simulator.chat().whenRequestContains("\"stream\":true").fails(LlmFault.status(400, "no streaming"));
		List<Finding> findings = new ConformanceCheck(settings(simulator, "my-model")).run();
		assertThat(findings).filteredOn((finding) -> finding.support() == Support.NO)
			.extracting(Finding::capability)
			.containsExactly("/models", "text completions", "streaming", "stream_options", "usage in streams",
					"tool calls", "reasoning in streams");
		assertThat(simulator.chatRequests()).allSatisfy((request) -> assertThat(request.model()).isEqualTo("my-model"));
	}

	@Test
	void llamaCppRefusingJsonSchemaIsReportedAndTheStarterFallsBackToJsonObject(LlmSimulator simulator) {
		simulator.chat().refusesJsonSchema();
		List<Finding> findings = check(simulator);
		assertThat(finding(findings, "response_format json_schema")).satisfies((finding) -> {
			assertThat(finding.support()).isEqualTo(Support.NO);
			assertThat(finding.observed()).contains("400", "Either \"json_schema\" or \"grammar\"");
			assertThat(finding.starter()).contains("json_object with the schema in the system message");
		});
		assertThat(finding(findings, "response_format json_object").support()).isEqualTo(Support.YES);
		assertThat(finding(findings, "starter: structured output").support()).isEqualTo(Support.YES);
	}

	@Test
	void jsonInCodeFencesIsReportedAsPartly(LlmSimulator simulator) {
		simulator.chat().whenRequestContains("json_schema").wrapsJsonInFences();
		assertThat(finding(check(simulator), "response_format json_schema")).satisfies((finding) -> {
			assertThat(finding.support()).isEqualTo(Support.PARTLY);
			assertThat(finding.observed()).isEqualTo("answered JSON in a code fence");
		});
	}

	@Test
	void refusedImagesAreReported(LlmSimulator simulator) {
		simulator.chat().whenRequestContains("image_url").fails(LlmFault.status(400, "image input is not supported"));
		assertThat(finding(check(simulator), "images")).satisfies((finding) -> {
			assertThat(finding.support()).isEqualTo(Support.NO);
			assertThat(finding.observed()).isEqualTo("400 image input is not supported");
		});
	}

	@Test
	void rerankNotServedIsReported(LlmSimulator simulator) {
		simulator.rerank().fails(LlmFault.status(404, "Not Found"));
		List<Finding> findings = check(simulator);
		assertThat(finding(findings, "/rerank")).satisfies((finding) -> {
			assertThat(finding.support()).isEqualTo(Support.NO);
			assertThat(finding.starter()).contains("custom.llm.rerank.path");
		});
		assertThat(finding(findings, "starter: RerankModel").support()).isEqualTo(Support.NO);
	}

	@Test
	void textEmbeddingsInferenceRerankShapeIsReported(LlmSimulator simulator) {
		simulator.rerank().fails(LlmFault.body(200, "application/json", "[{\"index\":1,\"score\":0.9}]"));
		assertThat(finding(check(simulator), "/rerank")).satisfies((finding) -> {
			assertThat(finding.support()).isEqualTo(Support.NO);
			assertThat(finding.observed()).contains("bare array");
		});
	}

	@Test
	void rerankModelIsTheOneNamedOrTheFirstListedReranker(LlmSimulator simulator) {
		simulator.wireMock()
			.stubFor(WireMock.get("/v1/models")
				.willReturn(WireMock.okJson(
						"{\"data\":[{\"id\":\"qwen\"},{\"id\":\"bge-reranker-v2-m3\"},{\"id\":\"bge-m3-embed\"}]}")));
		check(simulator);
		assertThat(simulator.rerankRequests()).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.model()).isEqualTo("bge-reranker-v2-m3"));
		simulator.reset();
		new ConformanceCheck(new ConformanceSettings(simulator.baseUrl(), null, null, null, "my-reranker")).run();
		assertThat(simulator.rerankRequests()).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.model()).isEqualTo("my-reranker"));
	}

	@Test
	void commandLinePrintsATable(LlmSimulator simulator) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		boolean ran = ConformanceCheck.run(new String[] { "--base-url=" + simulator.baseUrl(), "--api-key=sk-x" },
				new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
		assertThat(ran).isTrue();
		assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Conformance of " + simulator.baseUrl())
			.contains("| capability", "| what the starter does", "| embeddings (base64) ", "| yes ");
	}

	@Test
	void commandLineExplainsBadArguments() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		boolean ran = ConformanceCheck.run(new String[] { "--model=x" }, System.out,
				new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(ran).isFalse();
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown argument '--model=x'", "Usage:");
	}

	private static void callsTools(LlmSimulator simulator) {
		simulator.chat().whenRequestContains("get_weather").callsTool("get_weather", "{\"city\":\"Paris\"}");
	}

	private static List<Finding> check(LlmSimulator simulator) {
		return new ConformanceCheck(settings(simulator, null)).run();
	}

	private static ConformanceSettings settings(LlmSimulator simulator, String chatModel) {
		return new ConformanceSettings(simulator.baseUrl(), "sk-conformance", chatModel, null);
	}

	private static Finding finding(List<Finding> findings, String capability) {
		return findings.stream().filter((finding) -> finding.capability().equals(capability)).findFirst().orElseThrow();
	}

}
