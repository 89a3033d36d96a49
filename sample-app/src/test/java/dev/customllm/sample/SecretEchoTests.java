package dev.customllm.sample;

import dev.customllm.test.LlmSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service that echoes the sample's key (issue 27), at every offset around the cut of an
 * error excerpt and inside a structured answer: no public error body shows any piece of 8
 * characters of it.
 *
 * @author Custom LLM team
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "custom.llm.simulator.enabled=false", "custom.llm.api-key=" + SecretEchoTests.KEY,
				"custom.llm.retry.max-retries=0" })
@AutoConfigureWebTestClient
class SecretEchoTests {

	static final String KEY = "sk-smpl-Zq7Wm3Xp9Lr5Tn1Vb8Yc";

	private static final LlmSimulator service = LlmSimulator.start();

	@Autowired
	private WebTestClient client;

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
	void errorBodiesShowNoPieceOfAnEchoedKey() {
		for (int offset = 160; offset <= 205; offset++) {
			service.wireMock()
				.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(502)
					.withHeader("Content-Type", "text/html")
					.withBody("<html><p>" + "a".repeat(offset) + KEY + "</p></html>")));
			assertNoPiece(summarize(""));
		}
		service.wireMock()
			.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(
					okJson("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"not JSON: "
							+ KEY + "\"}}]}")));
		assertNoPiece(summarize("?structured=true"));
	}

	private String summarize(String query) {
		byte[] body = this.client.post()
			.uri("/api/summarize" + query)
			.bodyValue(new SampleApplicationTests.SummaryBody("Anything at all."))
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectBody()
			.returnResult()
			.getResponseBody();
		assertThat(body).isNotNull();
		return new String(body, java.nio.charset.StandardCharsets.UTF_8);
	}

	private static void assertNoPiece(String text) {
		assertThat(text).contains("502");
		for (String form : new String[] { KEY, KEY.replace("-", "") }) {
			for (int i = 0; i + 8 <= form.length(); i++) {
				assertThat(text).as("a piece of the key at %d", i).doesNotContain(form.substring(i, i + 8));
			}
		}
	}

}
