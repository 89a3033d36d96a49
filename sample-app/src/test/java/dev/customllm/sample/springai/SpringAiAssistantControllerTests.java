package dev.customllm.sample.springai;

import java.util.Map;

import dev.customllm.test.LlmFault;
import dev.customllm.test.LlmSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Tests for {@code POST /api/spring-ai/assistant} in offline mode: Spring AI's
 * {@code ChatClient} on the embedded simulator, which answers only a request that carries
 * the instructions and the question.
 *
 * @author Custom LLM team
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class SpringAiAssistantControllerTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private LlmSimulator simulator;

	@AfterEach
	void reset() {
		this.simulator.reset();
	}

	@Test
	void answersThroughChatClient() {
		this.simulator.chat()
			.whenRequestContains(SpringAiAssistantController.INSTRUCTIONS)
			.whenRequestContains("What is Spring Boot?")
			.answers("Spring Boot makes stand-alone Spring applications.");
		this.client.post()
			.uri("/api/spring-ai/assistant")
			.bodyValue(Map.of("question", "What is Spring Boot?"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.answer")
			.isEqualTo("Spring Boot makes stand-alone Spring applications.");
	}

	@Test
	void failureOfTheServiceIsBadGateway() {
		this.simulator.chat().fails(LlmFault.status(401, "Incorrect API key provided"));
		this.client.post()
			.uri("/api/spring-ai/assistant")
			.bodyValue(Map.of("question", "What is Spring Boot?"))
			.exchange()
			.expectStatus()
			.isEqualTo(502);
	}

	@Test
	void blankQuestionIsBadRequest() {
		this.client.post()
			.uri("/api/spring-ai/assistant")
			.bodyValue(Map.of("question", " "))
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

}
