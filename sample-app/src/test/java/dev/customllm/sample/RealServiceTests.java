package dev.customllm.sample;

import dev.customllm.test.LlmSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the sample application with offline mode off and {@code custom.llm.base-url}
 * set: a second simulator plays the real service and no embedded one is started.
 *
 * @author Custom LLM team
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "custom.llm.simulator.enabled=false", "custom.llm.api-key=test-key" })
@AutoConfigureWebTestClient
class RealServiceTests {

	private static final LlmSimulator service = LlmSimulator.start();

	@Autowired
	private WebTestClient client;

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void serviceProperties(DynamicPropertyRegistry registry) {
		registry.add("custom.llm.base-url", service::baseUrl);
	}

	@AfterEach
	void resetService() {
		service.reset();
	}

	@AfterAll
	static void stopService() {
		service.close();
	}

	@Test
	void startsNoEmbeddedSimulator() {
		assertThat(this.context.getBeanProvider(LlmSimulator.class).getIfAvailable()).isNull();
	}

	@Test
	void summarizeCallsConfiguredServiceWithKey() {
		this.client.post()
			.uri("/api/summarize")
			.bodyValue(new SampleApplicationTests.SummaryBody("Tennis is played with rackets. Scoring is odd."))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.summary")
			.isEqualTo("Tennis is played with rackets.");
		service.wireMock()
			.verify(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
				.withHeader("Authorization", equalTo("Bearer test-key"))
				.withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini"))));
	}

	@Test
	void searchCallsConfiguredServiceWithKey() {
		this.client.get()
			.uri("/api/search?q=tennis rackets")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].id")
			.isEqualTo("tennis");
		service.wireMock()
			.verify(postRequestedFor(urlPathEqualTo("/v1/embeddings"))
				.withHeader("Authorization", equalTo("Bearer test-key"))
				.withRequestBody(matchingJsonPath("$.model", equalTo("text-embedding-3-small"))));
	}

	@Test
	void failureOfServiceIsBadGateway() {
		service.wireMock()
			.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"message\":\"Incorrect API key\",\"type\":\"invalid_request_error\"}}")));
		this.client.post()
			.uri("/api/summarize")
			.bodyValue(new SampleApplicationTests.SummaryBody("Anything at all."))
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectBody()
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains("401").doesNotContain("test-key"));
	}

}
