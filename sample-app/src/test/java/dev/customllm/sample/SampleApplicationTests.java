package dev.customllm.sample;

import java.util.List;

import dev.customllm.autoconfigure.CustomLlmConnectionDetails;
import dev.customllm.sample.search.SearchResult;
import dev.customllm.sample.summary.StructuredSummary;
import dev.customllm.sample.summary.SummarizeResponse;
import dev.customllm.test.LlmSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the sample application in offline mode, over HTTP.
 *
 * @author Custom LLM team
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class SampleApplicationTests {

	private static final ParameterizedTypeReference<List<SearchResult>> RESULTS = new ParameterizedTypeReference<>() {
	};

	@Autowired
	private WebTestClient client;

	@Autowired
	private ApplicationContext context;

	@Test
	void runsOnEmbeddedSimulatorWhenNoBaseUrlIsSet() {
		LlmSimulator simulator = this.context.getBean(LlmSimulator.class);
		assertThat(this.context.getBean(CustomLlmConnectionDetails.class).getBaseUrl()).isEqualTo(simulator.baseUrl());
	}

	@Test
	void summarizeReturnsSummaryOfText() {
		String text = "The Moon shows phases because we see different parts of its sunlit half. "
				+ "A full cycle from new moon to new moon takes about 29.5 days.";
		SummarizeResponse response = this.client.post()
			.uri("/api/summarize")
			.bodyValue(new SummaryBody(text))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(SummarizeResponse.class)
			.returnResult()
			.getResponseBody();
		assertThat(response).isNotNull();
		assertThat(response.summary()).isNotBlank().isNotEqualTo(text);
		assertThat(text).startsWith(response.summary());
	}

	@Test
	void summarizeStructuredReturnsSummaryAndKeywords() {
		String text = "The Moon shows phases because we see different parts of its sunlit half. "
				+ "A full cycle from new moon to new moon takes about 29.5 days.";
		StructuredSummary response = this.client.post()
			.uri("/api/summarize?structured=true")
			.bodyValue(new SummaryBody(text))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(StructuredSummary.class)
			.returnResult()
			.getResponseBody();
		assertThat(response).isNotNull();
		assertThat(response.summary())
			.isEqualTo("The Moon shows phases because we see different parts of its sunlit half.");
		assertThat(response.keywords()).containsExactly("different", "because", "phases");
	}

	@Test
	void summarizeWithBlankTextIsBadRequest() {
		this.client.post()
			.uri("/api/summarize")
			.bodyValue(new SummaryBody("  "))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("text must not be blank");
	}

	@Test
	void summarizeWithoutTextIsBadRequest() {
		this.client.post()
			.uri("/api/summarize")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	@Test
	void searchRanksClosestDocumentFirst() {
		List<SearchResult> results = search("/api/search?q={q}&k=4",
				"Carbonara is a Roman pasta dish made with eggs and pecorino cheese");
		assertThat(results).hasSize(4);
		assertThat(results.get(0).id()).isEqualTo("pasta-carbonara");
		assertThat(results.get(0).title()).isEqualTo("Pasta carbonara");
		assertThat(results).extracting(SearchResult::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
	}

	@Test
	void searchReturnsThreeResultsByDefault() {
		assertThat(search("/api/search?q={q}", "Black holes and the event horizon")).hasSize(3)
			.first()
			.extracting(SearchResult::id)
			.isEqualTo("black-holes");
	}

	@Test
	void searchRerankedOrdersTheClosestDocumentsByTheReranker() {
		List<SearchResult> results = search("/api/search?q={q}&k=3&rerank=true", "Black holes and the event horizon");
		assertThat(results).hasSize(3).first().extracting(SearchResult::id).isEqualTo("black-holes");
		assertThat(results).extracting(SearchResult::score)
			.isSortedAccordingTo((a, b) -> Double.compare(b, a))
			.allSatisfy((score) -> assertThat(score).isBetween(0.0, 1.0));
		List<SearchResult> vectors = search("/api/search?q={q}&k=3", "Black holes and the event horizon");
		assertThat(results.get(0).score()).isNotEqualTo(vectors.get(0).score());
	}

	@Test
	void searchCanReturnWholeCorpus() {
		assertThat(search("/api/search?q={q}&k=50", "databases")).hasSize(50);
	}

	@Test
	void searchWithBlankQueryIsBadRequest() {
		this.client.get().uri("/api/search?q= ").exchange().expectStatus().isBadRequest();
	}

	@Test
	void searchWithoutQueryIsBadRequest() {
		this.client.get().uri("/api/search").exchange().expectStatus().isBadRequest();
	}

	@Test
	void searchWithKOutOfRangeIsBadRequest() {
		this.client.get().uri("/api/search?q=java&k=0").exchange().expectStatus().isBadRequest();
		this.client.get()
			.uri("/api/search?q=java&k=51")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("k must be between 1 and 50, but was 51");
	}

	@Test
	void healthIsUp() {
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

	@Test
	void prometheusIsExposed() {
		this.client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
	}

	private List<SearchResult> search(String uri, String query) {
		return this.client.get()
			.uri(uri, query)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(RESULTS)
			.returnResult()
			.getResponseBody();
	}

	record SummaryBody(String text) {

	}

}
