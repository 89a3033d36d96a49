package dev.customllm.test;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the simulator's Responses API, {@code POST /v1/responses}: the answer shape,
 * its typed event stream, reasoning summaries, function tools, and the chat-only
 * parameters it refuses.
 *
 * @author Custom LLM team
 */
@ExtendWith(LlmSimulatorExtension.class)
class SimulatedResponsesTests {

	private static final String TOOLS = """
			"tools":[{"type":"function","name":"lookup","description":"d","parameters":{"type":"object",
			 "properties":{"id":{"type":"string"},"count":{"type":"integer"}},"required":["id","count"]}}]""";

	@Test
	void answersAsChatDoesInTheResponsesShapeWithUsageDetails(LlmSimulator llm) {
		JsonNode chat = new SimulatorHttp(llm).postJson("/chat/completions", SimulatorHttp.chat("Hello there", false));
		JsonNode answer = new SimulatorHttp(llm).postJson("/responses",
				"{\"model\":\"m\",\"store\":false,\"input\":\"Hello there\"}");
		assertThat(answer.path("object").asString()).isEqualTo("response");
		assertThat(answer.path("status").asString()).isEqualTo("completed");
		assertThat(answer.path("store").asBoolean(true)).isFalse();
		JsonNode message = answer.path("output").path(0);
		assertThat(message.path("type").asString()).isEqualTo("message");
		assertThat(message.path("content").path(0).path("text").asString()).isEqualTo(SimulatorHttp.content(chat));
		JsonNode usage = answer.path("usage");
		assertThat(usage.path("input_tokens").asInt()).isEqualTo(chat.path("usage").path("prompt_tokens").asInt());
		assertThat(usage.path("output_tokens_details").path("reasoning_tokens").asInt()).isZero();
		assertThat(usage.path("input_tokens_details").path("cached_tokens").asInt()).isZero();
		assertThat(llm.responsesRequests()).singleElement()
			.satisfies((request) -> assertThat(request.prompt()).isEqualTo("Hello there"));
	}

	@Test
	void streamsTypedEventsWithReasoningSummariesAndNoDone(LlmSimulator llm) throws Exception {
		String body = new SimulatorHttp(llm).post("/responses", """
				{"model":"m","stream":true,"reasoning":{"effort":"low","summary":"auto"},
				 "instructions":"Be brief.","input":[{"role":"user","content":"Why is the sky blue?"}]}""").body();
		assertThat(body).doesNotContain("[DONE]").startsWith("event: response.created\ndata: {");
		List<JsonNode> events = new ArrayList<>();
		for (String event : body.split("\n\n")) {
			String[] lines = event.split("\n");
			JsonNode payload = SimulatorHttp.json.readTree(lines[1].substring("data: ".length()));
			assertThat(lines[0]).isEqualTo("event: " + payload.path("type").asString());
			events.add(payload);
		}
		assertThat(events).extracting((event) -> event.path("sequence_number").asInt())
			.isSorted()
			.doesNotHaveDuplicates();
		StringBuilder reasoning = new StringBuilder();
		StringBuilder text = new StringBuilder();
		for (JsonNode event : events) {
			switch (event.path("type").asString()) {
				case "response.reasoning_summary_text.delta" -> reasoning.append(event.path("delta").asString());
				case "response.output_text.delta" -> text.append(event.path("delta").asString());
				default -> {
				}
			}
		}
		JsonNode completed = events.get(events.size() - 1);
		assertThat(completed.path("type").asString()).isEqualTo("response.completed");
		JsonNode output = completed.path("response").path("output");
		assertThat(output.path(0).path("summary").path(0).path("text").asString()).isEqualTo(reasoning.toString())
			.startsWith("Simulated reasoning:");
		assertThat(output.path(1).path("content").path(0).path("text").asString()).isEqualTo(text.toString())
			.isNotEmpty();
		assertThat(
				completed.path("response").path("usage").path("output_tokens_details").path("reasoning_tokens").asInt())
			.isPositive();
	}

	@Test
	void callsAnOfferedFunctionToolAndAnswersWithItsOutput(LlmSimulator llm) {
		JsonNode call = new SimulatorHttp(llm)
			.postJson("/responses",
					"""
							{"model":"m",%s,"instructions":"<document id=\\"boot\\">Boot</document>","input":"Show 2 documents"}"""
						.formatted(TOOLS))
			.path("output")
			.path(0);
		assertThat(call.path("type").asString()).isEqualTo("function_call");
		assertThat(call.path("name").asString()).isEqualTo("lookup");
		assertThat(SimulatorHttp.json.readTree(call.path("arguments").asString()))
			.isEqualTo(SimulatorHttp.json.readTree("{\"id\":\"boot\",\"count\":2}"));
		JsonNode answer = new SimulatorHttp(llm).postJson("/responses", """
				{"model":"m",%s,"input":[{"role":"user","content":"Show boot"},
				 {"type":"function_call","call_id":"c1","name":"lookup","arguments":"{}"},
				 {"type":"function_call_output","call_id":"c1","output":"Spring Boot makes apps."}]}"""
			.formatted(TOOLS));
		assertThat(answer.path("output").path(0).path("content").path(0).path("text").asString())
			.isEqualTo("Simulated answer from lookup: Spring Boot makes apps.");
	}

	@Test
	void refusesChatOnlyParametersAndMalformedInput(LlmSimulator llm) throws Exception {
		SimulatorHttp http = new SimulatorHttp(llm);
		assertThat(http.post("/responses", "{\"model\":\"m\",\"messages\":[],\"input\":\"Hi\"}").statusCode())
			.isEqualTo(400);
		assertThat(http.postJson("/responses", "{\"model\":\"m\",\"max_tokens\":5,\"input\":\"Hi\"}")
			.path("error")
			.path("message")
			.asString()).contains("Unsupported parameter: 'max_tokens'");
		assertThat(http.post("/responses", "{\"model\":\"m\",\"input\":[]}").statusCode()).isEqualTo(400);
		assertThat(http.post("/responses", "{\"model\":\"m\",\"input\":[{\"type\":\"web_search_call\"}]}").statusCode())
			.isEqualTo(400);
	}

	@Test
	void stubbedAnswersComeInTheResponsesShape(LlmSimulator llm) throws Exception {
		llm.responses().streams("Hel", "lo");
		String body = new SimulatorHttp(llm).post("/responses", "{\"model\":\"m\",\"stream\":true,\"input\":\"Hi\"}")
			.body();
		assertThat(body).contains("\"delta\":\"Hel\"", "\"delta\":\"lo\"", "event: response.completed")
			.doesNotContain("[DONE]");
		llm.responses().callsTool("lookup", "{\"id\":\"x\"}");
		JsonNode call = new SimulatorHttp(llm).postJson("/responses", "{\"model\":\"m\",\"input\":\"Hi\"}")
			.path("output")
			.path(0);
		assertThat(call.path("type").asString()).isEqualTo("function_call");
		assertThat(call.path("arguments").asString()).isEqualTo("{\"id\":\"x\"}");
	}

}
