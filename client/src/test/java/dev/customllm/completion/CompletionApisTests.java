package dev.customllm.completion;

import java.util.List;

import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.customllm.CustomLlmClient;
import dev.customllm.agent.Agent;
import dev.customllm.agent.Tool;
import dev.customllm.testing.SimulatedClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that what is built on a completion model (agents with their tool loop, structured
 * output, streams, observations) works the same on chat completions and on the Responses
 * API, against the test kit's simulator.
 *
 * @author Custom LLM team
 */
class CompletionApisTests {

	@RegisterExtension
	static final SimulatedClient fixture = SimulatedClient.configured((builder) -> builder.apiKey("sk-test"));

	private final Tool weather = Tool.of("get_weather", "Current weather in a city", City.class,
			(city) -> "Sunny in " + city.city());

	@ParameterizedTest
	@EnumSource(value = CompletionApi.class, names = { "CHAT", "RESPONSES" })
	void agentRunsItsToolLoop(CompletionApi api) {
		try (CustomLlmClient client = client(api, TestObservationRegistry.create())) {
			Agent agent = client.agent("m1").preamble("You are terse.").tool(this.weather).build();
			String answer = agent.prompt("What is the weather in Paris?");
			assertThat(answer).startsWith("Simulated answer from get_weather").contains("Sunny in");
			assertThat(String.join("", agent.stream("What is the weather in Paris?").collectList().block()))
				.isEqualTo(answer);
		}
		assertThat(requests(api)).hasSize(4);
	}

	@ParameterizedTest
	@EnumSource(value = CompletionApi.class, names = { "CHAT", "RESPONSES" })
	void structuredOutputReadsTheSameRecord(CompletionApi api) {
		try (CustomLlmClient client = client(api, TestObservationRegistry.create())) {
			Summary summary = client.completionModel("m1")
				.complete(CompletionRequest.of("Summarize the spring framework documentation"), Summary.class);
			assertThat(summary.summary()).isNotBlank();
			assertThat(summary.keywords()).isNotEmpty();
		}
		assertThat(requests(api)).hasSize(1);
	}

	@ParameterizedTest
	@EnumSource(value = CompletionApi.class, names = { "CHAT", "RESPONSES" })
	void streamedAnswerIsTheUnaryAnswerAndBothAreObservedAsChat(CompletionApi api) {
		TestObservationRegistry observations = TestObservationRegistry.create();
		try (CustomLlmClient client = client(api, observations)) {
			CompletionRequest request = CompletionRequest.builder()
				.system("Be brief.")
				.prompt("Name three rivers of Europe")
				.build();
			CompletionResponse unary = client.completionModel("m1").complete(request);
			List<CompletionChunk> chunks = client.completionModel("m1").stream(request).collectList().block();
			assertThat(String.join("", chunks.stream().map(CompletionChunk::text).toList())).isEqualTo(unary.text());
			CompletionChunk last = chunks.get(chunks.size() - 1);
			assertThat(last.usage()).isEqualTo(unary.usage());
			assertThat(last.finishReason()).isEqualTo(unary.finishReason()).isEqualTo("stop");
			assertThat(unary.usage().promptTokens()).isPositive();
		}
		TestObservationRegistryAssert.assertThat(observations)
			.hasNumberOfObservationsEqualTo(2)
			.forAllObservationsWithNameEqualTo("gen_ai.client.operation",
					(observation) -> observation.hasLowCardinalityKeyValue("gen_ai.operation.name", "chat")
						.hasLowCardinalityKeyValue("gen_ai.response.model", "m1"));
	}

	private static CustomLlmClient client(CompletionApi api, TestObservationRegistry observations) {
		return CustomLlmClient.builder()
			.baseUrl(fixture.simulator().baseUrl())
			.apiKey("sk-test")
			.completionApi(api)
			.observationRegistry(observations)
			.build();
	}

	private static List<?> requests(CompletionApi api) {
		return (api == CompletionApi.RESPONSES) ? fixture.simulator().responsesRequests()
				: fixture.simulator().chatRequests();
	}

	record City(String city) {
	}

	record Summary(String summary, List<String> keywords) {
	}

}
