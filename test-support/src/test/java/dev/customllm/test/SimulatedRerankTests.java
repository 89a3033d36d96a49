package dev.customllm.test;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code /v1/rerank} endpoint of the {@link LlmSimulator} and its stub.
 */
@ExtendWith(LlmSimulatorExtension.class)
class SimulatedRerankTests {

	private static final String DOCUMENTS = "[\"Learning the piano takes daily practice.\","
			+ "\"A black hole bends light near its event horizon.\",\"Java records are immutable data carriers.\"]";

	private final LlmSimulator simulator;

	private final SimulatorHttp http;

	SimulatedRerankTests(LlmSimulator simulator) {
		this.simulator = simulator;
		this.http = new SimulatorHttp(simulator);
	}

	@Test
	void ranksDocumentsByTheirSimilarityToTheQuery() {
		JsonNode answer = this.http.postJson("/rerank", rerank("black hole event horizon", ""));
		assertThat(answer.path("model").stringValue()).isEqualTo("reranker");
		assertThat(answer.path("results").values()).extracting((result) -> result.path("index").intValue())
			.startsWith(1)
			.containsExactlyInAnyOrder(0, 1, 2);
		List<Double> scores = answer.path("results")
			.values()
			.stream()
			.map((result) -> result.path("relevance_score").doubleValue())
			.toList();
		assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a))
			.allSatisfy((score) -> assertThat(score).isBetween(0.0, 1.0));
		assertThat(answer.path("results").path(0).has("document")).isFalse();
		assertThat(answer.path("usage").path("total_tokens").intValue()).isPositive();
		assertThat(this.http.postJson("/rerank", rerank("black hole event horizon", "")).path("results"))
			.isEqualTo(answer.path("results"));
	}

	@Test
	void honoursTopNAndReturnDocuments() {
		JsonNode answer = this.http.postJson("/rerank",
				rerank("black hole event horizon", ",\"top_n\":1,\"return_documents\":true"));
		assertThat(answer.path("results").size()).isEqualTo(1);
		assertThat(answer.path("results").path(0).path("document").path("text").stringValue())
			.startsWith("A black hole");
	}

	@Test
	void rejectsInvalidRequests() throws Exception {
		HttpResponse<String> noQuery = this.http.post("/rerank", "{\"documents\":" + DOCUMENTS + "}");
		assertThat(noQuery.statusCode()).isEqualTo(400);
		HttpResponse<String> noDocuments = this.http.post("/rerank", "{\"query\":\"q\",\"documents\":[]}");
		assertThat(noDocuments.statusCode()).isEqualTo(400);
		HttpResponse<String> badTopN = this.http.post("/rerank", rerank("q", ",\"top_n\":0"));
		assertThat(badTopN.statusCode()).isEqualTo(400);
	}

	@Test
	void answersStubbedScoresWithinTopN() {
		this.simulator.rerank().answers(0.2, 0.1, 0.9);
		JsonNode answer = this.http.postJson("/rerank", rerank("anything", ",\"top_n\":2"));
		assertThat(answer.path("results").values()).extracting((result) -> result.path("index").intValue())
			.containsExactly(2, 0);
		assertThat(answer.path("results").path(0).path("relevance_score").doubleValue()).isEqualTo(0.9);
		assertThat(this.simulator.rerankRequests()).singleElement()
			.satisfies((request) -> assertThat(request.documents()).hasSize(3));
	}

	@Test
	void failsWhenStubbedTo() throws Exception {
		this.simulator.rerank().once().fails(LlmFault.unavailable());
		assertThat(this.http.post("/rerank", rerank("q", "")).statusCode()).isEqualTo(503);
		assertThat(this.http.post("/rerank", rerank("q", "")).statusCode()).isEqualTo(200);
	}

	private static String rerank(String query, String more) {
		return "{\"model\":\"reranker\",\"query\":\"" + query + "\",\"documents\":" + DOCUMENTS + more + "}";
	}

}
