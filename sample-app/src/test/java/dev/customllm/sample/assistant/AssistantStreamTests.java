package dev.customllm.sample.assistant;

import java.time.Duration;
import java.util.List;

import dev.customllm.test.LlmSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@code GET /api/assistant/stream} in offline mode, over HTTP.
 *
 * @author Custom LLM team
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class AssistantStreamTests {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT = new ParameterizedTypeReference<>() {
	};

	@Autowired
	private WebTestClient client;

	@Autowired
	private LlmSimulator simulator;

	@Autowired
	private AssistantService assistantService;

	@AfterEach
	void reset() {
		this.simulator.reset();
	}

	@Test
	void streamsTheAnswerInFragmentsThenDone() {
		List<ServerSentEvent<String>> events = events("Why do answers stream in fragments");
		assertThat(events).hasSizeGreaterThan(3);
		ServerSentEvent<String> last = events.get(events.size() - 1);
		assertThat(last.event()).isEqualTo("done");
		assertThat(last.data()).isEqualTo("{\"finishReason\":\"stop\"}");
		List<ServerSentEvent<String>> fragments = events.subList(0, events.size() - 1);
		List<ServerSentEvent<String>> thinking = fragments.stream()
			.takeWhile((event) -> "reasoning".equals(event.event()))
			.toList();
		List<ServerSentEvent<String>> answering = fragments.subList(thinking.size(), fragments.size());
		assertThat(thinking).as("the simulated reasoning model thinks first").hasSizeGreaterThan(1);
		assertThat(String.join("", thinking.stream().map(AssistantStreamTests::text).toList()))
			.startsWith("The user asks:");
		assertThat(answering).isNotEmpty().allSatisfy((event) -> assertThat(event.event()).isNull());
		String answer = String.join("", answering.stream().map(AssistantStreamTests::text).toList());
		assertThat(answer).startsWith("Simulated answer from lookup_document: ")
			.isEqualTo(this.assistantService.answer("Why do answers stream in fragments").block());
	}

	@Test
	void failureOfTheServiceMidStreamEndsWithAFailureEvent() {
		this.simulator.wireMock()
			.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "text/event-stream")
				.withBody("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Par\"}}]}\n\n"
						+ "data: {\"error\":{\"message\":\"GPU fell over\",\"type\":\"server_error\"}}\n\n"
						+ "data: [DONE]\n\n")));
		List<ServerSentEvent<String>> events = events("Anything");
		assertThat(events).hasSize(2);
		assertThat(text(events.get(0))).isEqualTo("Par");
		assertThat(events.get(1).event()).isEqualTo("failure");
		assertThat(events.get(1).data()).contains("GPU fell over");
	}

	@Test
	void blankQuestionIsBadRequest() {
		this.client.get()
			.uri("/api/assistant/stream?question= ")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("question must not be blank");
	}

	@Test
	void servesTheStreamingPageAtTheRoot() {
		this.client.get()
			.uri("/")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("new EventSource('/api/assistant/stream?question='"));
	}

	private List<ServerSentEvent<String>> events(String question) {
		return this.client.get()
			.uri("/api/assistant/stream?question={q}", question)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
			.returnResult(EVENT)
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(10));
	}

	private static String text(ServerSentEvent<String> event) {
		String data = event.data();
		assertThat(data).startsWith("{\"text\":\"").endsWith("\"}");
		return data.substring(9, data.length() - 2);
	}

}
