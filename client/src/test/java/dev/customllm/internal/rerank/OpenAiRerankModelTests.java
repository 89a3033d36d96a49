package dev.customllm.internal.rerank;

import java.util.List;

import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;
import dev.customllm.rerank.RankedDocument;
import dev.customllm.rerank.RerankDefaults;
import dev.customllm.rerank.RerankModel;
import dev.customllm.resilience.RetrySettings;
import dev.customllm.test.LlmFault;
import dev.customllm.test.LlmRequest;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link OpenAiRerankModel} against the simulator and answers shaped like those
 * of real services.
 */
@ExtendWith(LlmSimulatorExtension.class)
class OpenAiRerankModelTests {

	private static final List<String> DOCUMENTS = List.of("Learning the piano takes daily practice.",
			"A black hole bends light near its event horizon.", "Java records are immutable data carriers.",
			"Event horizons hide what falls into a black hole.", "Sourdough rises with wild yeast.");

	private static LlmSimulator simulator;

	@BeforeAll
	static void start(LlmSimulator llm) {
		simulator = llm;
	}

	private static CustomLlmClient client(int batchSize, RetrySettings retry) {
		return CustomLlmClient.builder()
			.baseUrl(simulator.baseUrl())
			.apiKey("sk-test")
			.retry(retry)
			.rerankDefaults(
					RerankDefaults.builder().model("bge-reranker").batchSize(batchSize).maxConcurrency(2).build())
			.build();
	}

	private static RerankModel model() {
		return client(32, RetrySettings.NONE).rerankModel();
	}

	@Test
	void ranksEveryDocumentMostRelevantFirst() {
		List<RankedDocument> ranked = model().rerank("black hole event horizon", DOCUMENTS);
		assertThat(ranked).hasSize(5);
		assertThat(ranked).extracting(RankedDocument::index).startsWith(1, 3).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
		assertThat(ranked).extracting(RankedDocument::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
		assertThat(ranked)
			.allSatisfy((document) -> assertThat(document.text()).isEqualTo(DOCUMENTS.get(document.index())));
		LlmRequest request = simulator.rerankRequests().get(0);
		assertThat(request.path()).isEqualTo("/v1/rerank");
		assertThat(request.json().path("model").stringValue()).isEqualTo("bge-reranker");
		assertThat(request.json().path("query").stringValue()).isEqualTo("black hole event horizon");
		assertThat(request.documents()).isEqualTo(DOCUMENTS);
		assertThat(request.json().path("top_n").intValue()).isEqualTo(5);
		assertThat(request.json().path("return_documents").booleanValue()).isFalse();
	}

	@Test
	void returnsTheTopNAndTheSameRankingWithoutBlocking() {
		List<RankedDocument> top = model().rerank("black hole event horizon", DOCUMENTS, 2);
		assertThat(top).extracting(RankedDocument::index).containsExactly(1, 3);
		assertThat(simulator.rerankRequests().get(0).json().path("top_n").intValue()).isEqualTo(2);
		assertThat(model().rerankAsync("black hole event horizon", DOCUMENTS, 2).block()).isEqualTo(top);
		assertThat(model().rerankAsync("black hole event horizon", DOCUMENTS).block()).startsWith(top.get(0),
				top.get(1));
	}

	@Test
	void splitsLargeInputsIntoBatchesAndMergesThemByScore() {
		try (CustomLlmClient client = client(2, RetrySettings.NONE)) {
			List<RankedDocument> top = client.rerankModel("other-reranker")
				.rerank("black hole event horizon", DOCUMENTS, 2);
			assertThat(top).extracting(RankedDocument::index).containsExactly(1, 3);
			assertThat(top).isEqualTo(model().rerank("black hole event horizon", DOCUMENTS, 2));
		}
		List<LlmRequest> requests = simulator.rerankRequests();
		assertThat(requests.subList(0, 3)).extracting(LlmRequest::documents)
			.containsExactlyInAnyOrder(DOCUMENTS.subList(0, 2), DOCUMENTS.subList(2, 4), DOCUMENTS.subList(4, 5));
		assertThat(requests.subList(0, 3)).extracting((request) -> request.json().path("top_n").intValue())
			.containsExactlyInAnyOrder(2, 2, 1);
		assertThat(requests.get(0).model()).isEqualTo("other-reranker");
	}

	@Test
	void answersStubbedScoresTiesInInputOrder() {
		simulator.rerank().answers(0.5, 0.9, 0.5);
		assertThat(model().rerank("q", DOCUMENTS.subList(0, 3))).extracting(RankedDocument::index)
			.containsExactly(1, 0, 2);
	}

	@Test
	void rejectsBadInputBeforeAnyCall() {
		RerankModel model = model();
		assertThatIllegalArgumentException().isThrownBy(() -> model.rerank(" ", DOCUMENTS))
			.withMessage("query must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> model.rerank("q", List.of()))
			.withMessage("documents must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> model.rerank("q", null))
			.withMessage("documents must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> model.rerank("q", List.of("a", "")))
			.withMessage("documents[1] must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> model.rerank("q", DOCUMENTS, 0))
			.withMessage("topN must be at least 1, but was 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RerankDefaults.builder().batchSize(0).maxConcurrency(1).build())
			.withMessage("batchSize must be at least 1, but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> client(2, RetrySettings.NONE).rerankModel(" "))
			.withMessage("model must not be blank");
		assertThat(simulator.requests()).isEmpty();
	}

	@Test
	void indexOutOfRangeIsUnusable() {
		answer("{\"results\":[{\"index\":0,\"relevance_score\":0.5},{\"index\":7,\"relevance_score\":0.1}]}");
		assertUnusable("result index 7 is out of range or repeated in a batch of 2");
	}

	@Test
	void repeatedIndexIsUnusable() {
		answer("{\"results\":[{\"index\":1,\"relevance_score\":0.5},{\"index\":1,\"relevance_score\":0.1}]}");
		assertUnusable("result index 1 is out of range or repeated in a batch of 2");
	}

	@Test
	void missingOrNonFiniteScoreIsUnusable() {
		answer("{\"results\":[{\"index\":0},{\"index\":1,\"relevance_score\":0.1}]}");
		assertUnusable("result for document 0 has no finite relevance_score (null)");
		answer("{\"results\":[{\"index\":0,\"relevance_score\":\"NaN\"},{\"index\":1,\"relevance_score\":0.1}]}");
		assertUnusable("result for document 0 has no finite relevance_score (NaN)");
	}

	@Test
	void fewerResultsThanTopNIsUnusable() {
		answer("{\"results\":[{\"index\":0,\"relevance_score\":0.5}]}");
		assertUnusable("expected 2 results (top_n), got 1");
	}

	@Test
	void moreResultsThanDocumentsIsUnusable() {
		answer("{\"results\":[{\"index\":0,\"relevance_score\":0.5},{\"index\":1,\"relevance_score\":0.4},"
				+ "{\"index\":2,\"relevance_score\":0.3}]}");
		assertUnusable("answer has 3 results for 2 documents");
	}

	@Test
	void missingResultsAreUnusable() {
		answer("{\"data\":[]}");
		assertUnusable("answer has no results");
	}

	@Test
	void acceptsScoresNamedScore() {
		answer("{\"results\":[{\"index\":1,\"score\":2.5},{\"index\":0,\"score\":-1.0}]}");
		assertThat(model().rerank("q", DOCUMENTS.subList(0, 2))).extracting(RankedDocument::score)
			.containsExactly(2.5, -1.0);
	}

	@Test
	void retriesAsTheOtherModelsDo() {
		simulator.rerank().once().fails(LlmFault.unavailable());
		try (CustomLlmClient client = client(32,
				RetrySettings.builder()
					.maxRetries(1)
					.delay(java.time.Duration.ofMillis(10))
					.multiplier(1)
					.maxDelay(java.time.Duration.ofMillis(10))
					.jitter(0)
					.maxRetryAfter(java.time.Duration.ofSeconds(1))
					.build())) {
			assertThat(client.rerankModel().rerank("black hole", DOCUMENTS, 1)).hasSize(1);
		}
		assertThat(simulator.rerankRequests()).hasSize(2);
	}

	@Test
	void callsAConfiguredPath() {
		simulator.wireMock()
			.stubFor(post(urlPathEqualTo("/v1/score"))
				.willReturn(okJson("{\"results\":[{\"index\":0,\"relevance_score\":1}]}")));
		try (CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl(simulator.baseUrl())
			.rerankDefaults(RerankDefaults.builder().path("/score").batchSize(8).maxConcurrency(1).build())
			.build()) {
			assertThat(client.rerankModel().rerank("q", List.of("only"))).singleElement()
				.satisfies((document) -> assertThat(document.text()).isEqualTo("only"));
		}
		assertThat(simulator.requests()).singleElement().satisfies((request) -> {
			assertThat(request.path()).isEqualTo("/v1/score");
			assertThat(request.json().has("model")).isFalse();
		});
	}

	@Test
	void isObservedAsARerankOperation() {
		TestObservationRegistry observations = TestObservationRegistry.create();
		try (CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl(simulator.baseUrl())
			.observationRegistry(observations)
			.rerankDefaults(RerankDefaults.builder().model("bge-reranker").batchSize(32).maxConcurrency(1).build())
			.build()) {
			client.rerankModel().rerank("black hole", DOCUMENTS);
		}
		TestObservationRegistryAssert.assertThat(observations)
			.hasSingleObservationThat()
			.hasLowCardinalityKeyValue("gen_ai.operation.name", "rerank")
			.hasLowCardinalityKeyValue("gen_ai.request.model", "bge-reranker")
			.hasLowCardinalityKeyValue("gen_ai.response.model", "bge-reranker")
			.hasLowCardinalityKeyValue("error.type", "none");
	}

	private static void answer(String body) {
		simulator.wireMock().stubFor(post(urlPathEqualTo("/v1/rerank")).willReturn(okJson(body)));
	}

	private static void assertUnusable(String problem) {
		assertThatExceptionOfType(LlmResponseException.class)
			.isThrownBy(() -> model().rerank("q", DOCUMENTS.subList(0, 2), 2))
			.satisfies((ex) -> {
				assertThat(ex.operation()).isEqualTo(LlmOperation.RERANK);
				assertThat(ex.problem()).isEqualTo(problem);
			});
	}

}
