package dev.customllm.sample;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.customllm.CustomLlmClient;
import dev.customllm.sample.search.SearchResult;
import dev.customllm.test.LlmSimulator;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code two-providers} profile: a chat client and an embedding client,
 * each on its own pool, both on the simulator when no base URLs are given.
 *
 * @author Custom LLM team
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("two-providers")
class TwoProvidersProfileTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private ApplicationContext context;

	@Test
	void definesTwoNamedClientsOnTheSimulatorWithTheirOwnPools() {
		String simulator = this.context.getBean(LlmSimulator.class).baseUrl();
		CustomLlmClient chat = this.context.getBean("chatCustomLlmClient", CustomLlmClient.class);
		CustomLlmClient embeddings = this.context.getBean("embeddingsCustomLlmClient", CustomLlmClient.class);
		assertThat(chat.baseUrl()).isEqualTo(simulator);
		assertThat(embeddings.baseUrl()).isEqualTo(simulator);
		assertThat(chat.connectionPool()).isNotSameAs(embeddings.connectionPool());
		assertThat(embeddings.toString()).contains("maxConnections=32");
	}

	@Test
	void endpointsWorkThroughTheNamedClients() {
		List<SearchResult> results = this.client.get()
			.uri("/api/search?q=black hole event horizon&k=2")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<List<SearchResult>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(results).hasSize(2);
		this.client.post()
			.uri("/api/summarize")
			.bodyValue(java.util.Map.of("text", "Two providers answer here. The second sentence is dropped."))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.summary")
			.isEqualTo("Two providers answer here.");
	}

}
