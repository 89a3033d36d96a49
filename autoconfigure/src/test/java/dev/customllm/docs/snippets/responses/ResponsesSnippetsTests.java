package dev.customllm.docs.snippets.responses;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.CustomLlmClient;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the code of docs/responses-api.md against the simulator.
 */
@ExtendWith(LlmSimulatorExtension.class)
class ResponsesSnippetsTests {

	@Test
	void clientOnTheResponsesApiShowsTheReasoningSummaryBesideTheAnswer(LlmSimulator simulator) {
		ResponsesSnippets snippets = new ResponsesSnippets();
		try (CustomLlmClient client = snippets.client(simulator.baseUrl(), "sk-test")) {
			String shown = snippets.thinkThenAnswer(client.completionModel());
			assertThat(shown).startsWith("Simulated reasoning:").contains(" tokens) -> ");
		}
		assertThat(simulator.responsesRequests()).singleElement()
			.satisfies((request) -> assertThat(request.json().path("reasoning").path("effort").asString())
				.isEqualTo("low"));
	}

}
