package dev.customllm.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.customllm.CustomLlmClient;
import dev.customllm.testing.SimulatedClient;
import dev.customllm.LlmToolRoundsException;
import dev.customllm.completion.CompletionApi;
import dev.customllm.completion.CompletionDefaults;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.Message;
import dev.customllm.test.LlmRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Agent} against the {@link dev.customllm.test.LlmSimulator}: request
 * bodies, the tool loop and streaming.
 *
 * @author Custom LLM team
 */
class AgentTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	static final SimulatedClient fixture = SimulatedClient.configured((builder) -> builder.apiKey("sk-test"));

	private final Tool weather = Tool.of("get_weather", "Current weather in a city", City.class,
			(city) -> "Sunny in " + city.city());

	@Test
	void sendsPreambleStaticContextAndSettingsInOneRequest() {
		fixture.simulator().chat().answers("Paris.");
		Agent agent = fixture.client()
			.agent("m1")
			.preamble("You are terse.")
			.context("France's capital is Paris.")
			.context(new Document("rivers", "The Seine flows through Paris."))
			.temperature(0.2)
			.maxTokens(50)
			.extra("top_k", 5)
			.build();
		assertThat(agent.prompt("Capital of France?")).isEqualTo("Paris.");
		assertThat(single().json()).isEqualTo(json.readTree(
				"""
						{"model":"m1","messages":[
						 {"role":"system","content":"You are terse.\\n\\nUse these documents when they help to answer:\\n<document id=\\"doc-1\\">\\nFrance's capital is Paris.\\n</document>\\n<document id=\\"rivers\\">\\nThe Seine flows through Paris.\\n</document>"},
						 {"role":"user","content":"Capital of France?"}],
						 "temperature":0.2,"max_tokens":50,"top_k":5}"""));
	}

	@Test
	void runsToolAndSendsResultWithTheWireProtocol() {
		fixture.simulator().chat().once().callsTool("get_weather", "{\"city\":\"Paris\"}");
		fixture.simulator().chat().answers("It is sunny.");
		Agent agent = fixture.client().agent("m1").tool(this.weather).build();
		assertThat(agent.prompt("Weather in Paris?")).isEqualTo("It is sunny.");
		List<LlmRequest> requests = fixture.simulator().chatRequests();
		assertThat(requests).hasSize(2);
		JsonNode tools = json.readTree("""
				[{"type":"function","function":{"name":"get_weather","description":"Current weather in a city",
				 "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],
				 "additionalProperties":false}}}]""");
		assertThat(requests.get(0).json().path("tools")).isEqualTo(tools);
		assertThat(requests.get(1).json().path("tools")).isEqualTo(tools);
		String callId = toolCallId(requests.get(1));
		assertThat(requests.get(1).json().path("messages")).isEqualTo(json.readTree("""
				[{"role":"user","content":"Weather in Paris?"},
				 {"role":"assistant","content":null,"tool_calls":[{"id":"%s","type":"function",
				  "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
				 {"role":"tool","content":"Sunny in Paris","tool_call_id":"%s"}]""".formatted(callId, callId)));
	}

	@Test
	void runsSeveralRoundsAndKeepsTheConversation() {
		fixture.simulator().chat().once().callsTool("get_weather", "{\"city\":\"Paris\"}");
		fixture.simulator().chat().once().callsTool("get_weather", "{\"city\":\"Rome\"}");
		fixture.simulator().chat().answers("Sunny in both.");
		Agent agent = fixture.client().agent("m1").tool(this.weather).build();
		assertThat(agent.prompt("Paris and Rome?")).isEqualTo("Sunny in both.");
		JsonNode messages = fixture.simulator().chatRequests().get(2).json().path("messages");
		assertThat(messages.values().stream().map((message) -> message.path("role").asString()).toList())
			.containsExactly("user", "assistant", "tool", "assistant", "tool");
		assertThat(messages.get(2).path("content").asString()).isEqualTo("Sunny in Paris");
		assertThat(messages.get(4).path("content").asString()).isEqualTo("Sunny in Rome");
	}

	@Test
	void runsTheCallsOfOneRoundConcurrently() {
		CountDownLatch bothRunning = new CountDownLatch(2);
		Tool waiting = Tool.of("get_weather", "Current weather in a city", City.class, (city) -> {
			bothRunning.countDown();
			if (!bothRunning.await(5, TimeUnit.SECONDS)) {
				throw new IllegalStateException("the other call did not run at the same time");
			}
			return "Sunny in " + city.city();
		});
		StubbedCalls.beforeToolResults(fixture.simulator(),
				new StubbedCalls.Call("c1", "get_weather", "{\"city\":\"Paris\"}"),
				new StubbedCalls.Call("c2", "get_weather", "{\"city\":\"Rome\"}"));
		fixture.simulator().chat().answers("Sunny in both.");
		assertThat(fixture.client().agent("m1").tool(waiting).build().prompt("Paris and Rome?"))
			.isEqualTo("Sunny in both.");
		JsonNode messages = fixture.simulator().chatRequests().get(1).json().path("messages");
		assertThat(messages.get(1).path("tool_calls")).hasSize(2);
		assertThat(messages.get(2)).isEqualTo(json.readTree("""
				{"role":"tool","content":"Sunny in Paris","tool_call_id":"c1"}"""));
		assertThat(messages.get(3)).isEqualTo(json.readTree("""
				{"role":"tool","content":"Sunny in Rome","tool_call_id":"c2"}"""));
	}

	@Test
	void reportsAToolThatThrowsToTheModel() {
		Tool broken = Tool.of("get_weather", "Weather", City.class, (city) -> {
			throw new IllegalStateException("weather service down");
		});
		fixture.simulator().chat().once().callsTool("get_weather", "{\"city\":\"Paris\"}");
		fixture.simulator().chat().answers("Sorry.");
		assertThat(fixture.client().agent("m1").tool(broken).build().prompt("Weather?")).isEqualTo("Sorry.");
		assertThat(toolResult(1).path("error").asString()).contains("get_weather", "weather service down");
	}

	@Test
	void reportsArgumentsThatAreNotJsonToTheModel() {
		StubbedCalls.beforeToolResults(fixture.simulator(), new StubbedCalls.Call("c1", "get_weather", "{city:"));
		fixture.simulator().chat().answers("Sorry.");
		fixture.client().agent("m1").tool(this.weather).build().prompt("Weather?");
		assertThat(toolResult(1).path("error").asString()).contains("not valid JSON");
	}

	@Test
	void reportsArgumentsThatDoNotMatchTheSchemaToTheModel() {
		fixture.simulator().chat().once().callsTool("get_weather", "{\"town\":3}");
		fixture.simulator().chat().answers("Sorry.");
		fixture.client().agent("m1").tool(this.weather).build().prompt("Weather?");
		assertThat(toolResult(1).path("error").asString()).contains("do not match",
				"$: missing required property 'city'", "$: property 'town' is not allowed by the schema");
	}

	@Test
	void reportsAnUnknownToolToTheModel() {
		fixture.simulator().chat().once().callsTool("get_time", "{}");
		fixture.simulator().chat().answers("Sorry.");
		fixture.client().agent("m1").tool(this.weather).build().prompt("Time?");
		assertThat(toolResult(1).path("error").asString()).contains("unknown tool 'get_time'", "get_weather");
	}

	@Test
	void failsWithTheLimitWhenTheModelKeepsCallingTools() {
		fixture.simulator().chat().callsTool("get_weather", "{\"city\":\"Paris\"}");
		Agent agent = fixture.client().agent("m1").tool(this.weather).maxToolRounds(2).build();
		assertThatExceptionOfType(LlmToolRoundsException.class).isThrownBy(() -> agent.prompt("Weather?"))
			.withMessageContaining("maxToolRounds 2")
			.satisfies((ex) -> assertThat(ex.maxToolRounds()).isEqualTo(2));
		assertThat(fixture.simulator().chatRequests()).hasSize(3);
	}

	@Test
	void continuesAConversation() {
		fixture.simulator().chat().answers("Rome.");
		Agent agent = fixture.client().agent("m1").preamble("Be brief.").build();
		agent.chat("And of Italy?", List.of(Message.user("Capital of France?"), Message.assistant("Paris.")));
		assertThat(single().json().path("messages").values().stream().map((m) -> m.path("content").asString()))
			.containsExactly("Be brief.", "Capital of France?", "Paris.", "And of Italy?");
	}

	@Test
	void streamsTheFinalAnswerAfterTheToolRounds() {
		fixture.simulator().chat().once().callsTool("get_weather", "{\"city\":\"Paris\"}");
		fixture.simulator().chat().streams("It is", " sunny", " in Paris.");
		Agent agent = fixture.client().agent("m1").tool(this.weather).build();
		assertThat(agent.stream("Weather in Paris?").collectList().block(Duration.ofSeconds(10)))
			.containsExactly("It is", " sunny", " in Paris.");
		assertThat(fixture.simulator().chatRequests()).hasSize(2)
			.allSatisfy((request) -> assertThat(request.streamed()).isTrue());
		assertThat(toolResult(1).asString()).isEqualTo("Sunny in Paris");
	}

	@Test
	void streamFailsWithTheLimitWhenTheModelKeepsCallingTools() {
		fixture.simulator().chat().callsTool("get_weather", "{\"city\":\"Paris\"}");
		Agent agent = fixture.client().agent("m1").tool(this.weather).maxToolRounds(1).build();
		assertThatExceptionOfType(LlmToolRoundsException.class)
			.isThrownBy(() -> agent.stream("Weather?").collectList().block(Duration.ofSeconds(10)));
	}

	@Test
	void servesManyThreadsAtOnce() throws Exception {
		Agent agent = fixture.client().agent("m1").preamble("Echo.").tool(this.weather).build();
		fixture.simulator()
			.chat()
			.whenRequestContains("\"role\":\"user\"")
			.callsTool("get_weather", "{\"city\":\"Paris\"}");
		fixture.simulator().chat().whenRequestContains("\"role\":\"tool\"").answers("done");
		ExecutorService executor = Executors.newFixedThreadPool(16);
		try {
			List<Future<String>> answers = new ArrayList<>();
			for (int i = 0; i < 32; i++) {
				String prompt = "Question " + i;
				answers.add(executor.submit(() -> agent.prompt(prompt)));
			}
			for (Future<String> answer : answers) {
				assertThat(answer.get()).isEqualTo("done");
			}
		}
		finally {
			executor.shutdownNow();
		}
		List<String> prompts = fixture.simulator().chatRequests().stream().map(LlmRequest::prompt).toList();
		assertThat(prompts).hasSize(64);
		assertThat(prompts.stream().distinct()).hasSize(32);
	}

	@Test
	void rejectsBlankPromptsBeforeAnyCall() {
		Agent agent = fixture.client().agent("m1").build();
		assertThatIllegalArgumentException().isThrownBy(() -> agent.prompt(" "));
		assertThatIllegalArgumentException().isThrownBy(() -> agent.stream(""));
		assertThat(fixture.simulator().requests()).isEmpty();
	}

	@Test
	void rejectsInvalidSettingsWhenBuilt() {
		assertThatIllegalArgumentException().isThrownBy(() -> fixture.client().agent("m1").temperature(3).build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> fixture.client().agent("m1").tool(this.weather).tool(this.weather));
		assertThatIllegalArgumentException().isThrownBy(() -> fixture.client().agent("m1").maxToolRounds(-1));
	}

	@Test
	void textCompletionApiRejectsTools() {
		CompletionDefaults text = new CompletionDefaults("m1", null, null, CompletionApi.TEXT, null);
		try (CustomLlmClient textClient = CustomLlmClient.builder()
			.baseUrl(fixture.simulator().baseUrl())
			.completionDefaults(text)
			.build()) {
			CompletionRequest request = CompletionRequest.builder()
				.prompt("Weather?")
				.tools(List.of(this.weather.definition()))
				.build();
			assertThatIllegalArgumentException().isThrownBy(() -> textClient.completionModel().complete(request))
				.withMessageContaining("tools are not supported by the text completion API");
		}
		assertThat(fixture.simulator().requests()).isEmpty();
	}

	private static LlmRequest single() {
		assertThat(fixture.simulator().chatRequests()).hasSize(1);
		return fixture.simulator().chatRequests().get(0);
	}

	private static JsonNode toolResult(int request) {
		JsonNode messages = fixture.simulator().chatRequests().get(request).json().path("messages");
		String content = messages.get(messages.size() - 1).path("content").asString();
		try {
			return json.readTree(content);
		}
		catch (RuntimeException ex) {
			return json.getNodeFactory().stringNode(content);
		}
	}

	private static String toolCallId(LlmRequest request) {
		return request.json().path("messages").get(1).path("tool_calls").get(0).path("id").asString();
	}

	record City(String city) {

	}

}
