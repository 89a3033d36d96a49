package dev.customllm.sample;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that an operator sees calls, latency and tokens per model in the Prometheus
 * scrape with no extra code.
 *
 * @author Custom LLM team
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class PrometheusTests {

	@Autowired
	private WebTestClient client;

	@Test
	void scrapeShowsTheTimerAndTokenMetersOfTheModelAfterASummary() {
		this.client.post()
			.uri("/api/summarize")
			.bodyValue(Map.of("text", "Metrics are visible. This sentence is not in the summary."))
			.exchange()
			.expectStatus()
			.isOk();
		String scrape = this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(scrape).containsPattern(
				"gen_ai_client_operation_seconds_count\\{[^}]*gen_ai_operation_name=\"chat\"[^}]*gen_ai_provider_name=\"chat\"[^}]*gen_ai_request_model=\"gpt-4o-mini\"[^}]*} [1-9]");
		assertThat(scrape).containsPattern(
				"gen_ai_client_token_usage_tokens_count\\{[^}]*gen_ai_request_model=\"gpt-4o-mini\"[^}]*gen_ai_token_type=\"input\"[^}]*} [1-9]");
		assertThat(scrape).contains("gen_ai_client_embedding_batch_size").contains("gen_ai_client_requests_active");
		assertThat(scrape).doesNotContain("Metrics are visible");
	}

	@Test
	void healthShowsTheLlmServices() {
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components['custom-llm'].status")
			.isEqualTo("UP")
			.jsonPath("$.components['custom-llm-chat'].status")
			.isEqualTo("UP")
			.jsonPath("$.components['custom-llm-embeddings'].details.baseUrl")
			.exists();
	}

}
