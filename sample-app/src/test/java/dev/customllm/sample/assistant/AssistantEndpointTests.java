package dev.customllm.sample.assistant;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.customllm.test.LlmSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@code POST /api/assistant} in offline mode, over HTTP: the agent's loop runs
 * against the embedded simulator, which calls the assistant's tool and answers with its
 * result. {@link AssistantToolLoopTests} checks the requests.
 *
 * @author Custom LLM team
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class AssistantEndpointTests {

	private static final String QUESTION = "What does Spring Boot Actuator add?";

	@Autowired
	private WebTestClient client;

	@Autowired
	private LlmSimulator simulator;

	@AfterEach
	void reset() {
		this.simulator.reset();
	}

	@Test
	void theQuestionThePageSuggestsGetsACannedAnswerAboutIt() throws Exception {
		String page = new String(new ClassPathResource("static/index.html").getContentAsByteArray(),
				StandardCharsets.UTF_8);
		Matcher placeholder = Pattern.compile("id=\"question\"[^>]*placeholder=\"([^\"]+)\"").matcher(page);
		assertThat(placeholder.find()).as("the page suggests a question").isTrue();
		String question = placeholder.group(1);
		String answer = this.client.mutate()
			.responseTimeout(Duration.ofSeconds(30))
			.build()
			.post()
			.uri("/api/assistant")
			.bodyValue(Map.of("question", question))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(AssistantResponse.class)
			.returnResult()
			.getResponseBody()
			.answer()
			.toLowerCase(Locale.ROOT);
		List<String> topic = Arrays.stream(question.toLowerCase(Locale.ROOT).split("[^a-z]+"))
			.filter((word) -> word.length() > 3 && !List.of("what", "does", "which", "where", "when").contains(word))
			.toList();
		assertThat(topic).isNotEmpty();
		assertThat(answer).as("the answer to '%s'", question).contains(topic);
	}

	@Test
	void answersOfflineUsingTheLookupTool() {
		String answer = this.client.post()
			.uri("/api/assistant")
			.bodyValue(Map.of("question", QUESTION))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(AssistantResponse.class)
			.returnResult()
			.getResponseBody()
			.answer();
		assertThat(answer).startsWith("Simulated answer from lookup_document: ").doesNotContain("error");
	}

	@Test
	void blankQuestionIsBadRequest() {
		this.client.post()
			.uri("/api/assistant")
			.bodyValue(Map.of("question", " "))
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

}
