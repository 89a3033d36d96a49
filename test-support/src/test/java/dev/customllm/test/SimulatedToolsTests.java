package dev.customllm.test;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the simulator's default use of the tools a chat request offers.
 *
 * @author Custom LLM team
 */
@ExtendWith(LlmSimulatorExtension.class)
class SimulatedToolsTests {

	private static final String TOOLS = """
			"tools":[{"type":"function","function":{"name":"lookup","description":"d","parameters":{"type":"object",
			 "properties":{"id":{"type":"string"},"count":{"type":"integer"}},"required":["id","count"]}}}]""";

	@Test
	void callsTheFirstFittingToolWithArgumentsFromTheConversation(LlmSimulator llm) {
		JsonNode answer = new SimulatorHttp(llm).postJson("/chat/completions", """
				{"model":"m",%s,"messages":[{"role":"system","content":"<document id=\\"boot\\">Boot</document>"},
				 {"role":"user","content":"Show 2 documents"}]}""".formatted(TOOLS));
		JsonNode choice = answer.path("choices").get(0);
		assertThat(choice.path("finish_reason").asString()).isEqualTo("tool_calls");
		JsonNode call = choice.path("message").path("tool_calls").get(0);
		assertThat(call.path("function").path("name").asString()).isEqualTo("lookup");
		assertThat(SimulatorHttp.json.readTree(call.path("function").path("arguments").asString()))
			.isEqualTo(SimulatorHttp.json.readTree("{\"id\":\"boot\",\"count\":2}"));
	}

	@Test
	void answersWithTheToolResultsOnceTheyArePresent(LlmSimulator llm) {
		JsonNode answer = new SimulatorHttp(llm).postJson("/chat/completions", """
				{"model":"m",%s,"messages":[{"role":"user","content":"Show boot"},
				 {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function",
				  "function":{"name":"lookup","arguments":"{}"}}]},
				 {"role":"tool","tool_call_id":"c1","content":"Spring Boot makes apps."}]}""".formatted(TOOLS));
		assertThat(SimulatorHttp.content(answer)).isEqualTo("Simulated answer from lookup: Spring Boot makes apps.");
	}

	@Test
	void streamsTheToolCallWhenAskedToStream(LlmSimulator llm) throws Exception {
		String body = new SimulatorHttp(llm).post("/chat/completions", """
				{"model":"m","stream":true,%s,"messages":[{"role":"user","content":"Show 2"}]}""".formatted(TOOLS))
			.body();
		List<JsonNode> events = SimulatorHttp.events(body);
		assertThat(events).anySatisfy((event) -> assertThat(event.path("choices")
			.path(0)
			.path("delta")
			.path("tool_calls")
			.path(0)
			.path("function")
			.path("name")
			.asString()).isEqualTo("lookup"));
	}

	@Test
	void answersAsBeforeWhenNoToolFitsOrToolsAreRefused(LlmSimulator llm) {
		String objectTool = """
				"tools":[{"type":"function","function":{"name":"t","parameters":{"type":"object",
				 "properties":{"o":{"type":"object"}},"required":["o"]}}}]""";
		JsonNode answer = new SimulatorHttp(llm).postJson("/chat/completions", """
				{"model":"m",%s,"messages":[{"role":"user","content":"Hi"}]}""".formatted(objectTool));
		assertThat(SimulatorHttp.content(answer)).isEqualTo("Simulated answer: Hi");
		JsonNode refused = new SimulatorHttp(llm).postJson("/chat/completions", """
				{"model":"m",%s,"tool_choice":"none","messages":[{"role":"user","content":"Hi"}]}""".formatted(TOOLS));
		assertThat(SimulatorHttp.content(refused)).isEqualTo("Simulated answer: Hi");
	}

}
