package dev.customllm.sample.assistant;

import java.util.List;
import java.util.Map;

import dev.customllm.test.LlmRequest;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.context.AutoConfigureLlmSimulator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the requests of {@code POST /api/assistant} on the test kit's simulator
 * (which records them, unlike the embedded one of offline mode): dynamic context, the
 * tool definition, the tool call and its result.
 *
 * @author Custom LLM team
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@AutoConfigureLlmSimulator
class AssistantToolLoopTests {

	private static final String QUESTION = "What does Spring Boot Actuator add?";

	@Autowired
	private WebTestClient client;

	@Autowired
	private LlmSimulator simulator;

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
		List<LlmRequest> requests = this.simulator.chatRequests();
		assertThat(requests).hasSize(2);
		JsonNode first = requests.get(0).json();
		assertThat(first.path("tools").get(0).path("function").path("name").asString()).isEqualTo("lookup_document");
		String system = first.path("messages").get(0).path("content").asString();
		assertThat(system).startsWith(AssistantService.INSTRUCTIONS).contains("<document id=\"spring-actuator\">");
		JsonNode messages = requests.get(1).json().path("messages");
		JsonNode call = messages.get(2).path("tool_calls").get(0);
		JsonNode result = messages.get(3);
		assertThat(result.path("role").asString()).isEqualTo("tool");
		assertThat(result.path("tool_call_id").asString()).isEqualTo(call.path("id").asString());
		assertThat(result.path("content").asString()).doesNotContain("error");
		assertThat(answer).startsWith("Simulated answer from lookup_document: ")
			.contains(result.path("content").asString().split(" ")[0]);
	}

	@Test
	void blankQuestionIsBadRequest() {
		this.client.post()
			.uri("/api/assistant")
			.bodyValue(Map.of("question", " "))
			.exchange()
			.expectStatus()
			.isBadRequest();
		assertThat(this.simulator.chatRequests()).isEmpty();
	}

}
