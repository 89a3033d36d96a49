package dev.customllm.docs.snippets.structured;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmResponseException;
import dev.customllm.agent.Agent;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.CompletionResponse;
import dev.customllm.completion.ResponseFormat;
import dev.customllm.docs.snippets.structured.TicketTriage.Priority;
import dev.customllm.docs.snippets.structured.TicketTriage.Ticket;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The examples of docs/structured-output.md, run against the simulator.
 */
@ExtendWith(LlmSimulatorExtension.class)
class StructuredOutputSnippetsTests {

	private static final String EMAIL = "My order 1234 arrived broken and I need it urgent for a party.";

	@Test
	void triagesAnEmailIntoATicket(LlmSimulator llm) {
		try (CustomLlmClient client = CustomLlmClient.builder().baseUrl(llm.baseUrl()).build()) {
			Ticket ticket = new TicketTriage(client.completionModel("any")).triage(EMAIL);
			assertThat(ticket.title()).startsWith("My order 1234 arrived broken");
			assertThat(ticket.priority()).isEqualTo(Priority.URGENT);
			assertThat(ticket.tags()).contains("arrived");
		}
	}

	@Test
	void repairsAnAnswerCutByTheTokenLimit(LlmSimulator llm) {
		llm.chat().once().answersInvalidJson();
		try (CustomLlmClient client = CustomLlmClient.builder().baseUrl(llm.baseUrl()).build()) {
			assertThat(new TicketTriage(client.completionModel("any")).triage(EMAIL).tags()).isNotEmpty();
		}
		assertThat(llm.chatRequests()).hasSize(2);
	}

	@Test
	void reportsWhatWasWrongWithTheText(LlmSimulator llm) {
		llm.chat().answers("{\"title\": \"Broken order\"}");
		try (CustomLlmClient client = CustomLlmClient.builder().baseUrl(llm.baseUrl()).build()) {
			TicketTriage triage = new TicketTriage(client.completionModel("any"));
			// an unusable answer: what was wrong, and the text
			assertThatExceptionOfType(LlmResponseException.class).isThrownBy(() -> triage.triage(EMAIL))
				.satisfies((ex) -> {
					assertThat(ex.problem())
						.isEqualTo("answer does not match the schema: $: missing required property 'priority'");
					assertThat(ex.rawAnswer()).isEqualTo("{\"title\": \"Broken order\"}");
				});
		}
	}

	@Test
	void sendsASchemaOfYourOwnOrAsksForAnyJson(LlmSimulator llm) {
		try (CustomLlmClient client = CustomLlmClient.builder().baseUrl(llm.baseUrl()).build()) {
			CompletionModel model = client.completionModel("any");
			Map<String, Object> schema = Map.of("type", "object", "properties",
					Map.of("sentiment", Map.of("type", "string", "enum", List.of("positive", "negative"))), "required",
					List.of("sentiment"));
			CompletionResponse response = model.complete(CompletionRequest.builder()
				.prompt("Great service, thanks!")
				// or ResponseFormat.json()
				.responseFormat(ResponseFormat.jsonSchema("sentiment", schema))
				.build());
			assertThat(response.text()).isEqualTo("{\"sentiment\":\"positive\"}");
		}
	}

	@Test
	void agentsAnswerWithATypeToo(LlmSimulator llm) {
		try (CustomLlmClient client = CustomLlmClient.builder().baseUrl(llm.baseUrl()).build()) {
			Agent agent = client.agent("any").preamble("You file support tickets.").build();
			Ticket ticket = agent.prompt(EMAIL, Ticket.class);
			assertThat(ticket.priority()).isEqualTo(Priority.URGENT);
		}
	}

	@Test
	void fallsBackWhenTheServiceRefusesJsonSchema(LlmSimulator llm) {
		llm.chat().refusesJsonSchema(); // as some llama.cpp builds and older vLLM answer
		try (CustomLlmClient client = CustomLlmClient.builder().baseUrl(llm.baseUrl()).build()) {
			Ticket ticket = new TicketTriage(client.completionModel("any")).triage(EMAIL);
			assertThat(ticket.priority()).isEqualTo(Priority.URGENT);
		}
		assertThat(llm.chatRequests())
			.extracting((request) -> request.json().path("response_format").path("type").stringValue())
			.containsExactly("json_schema", "json_object");
	}

}
