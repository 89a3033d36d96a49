package dev.customllm.springai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import dev.customllm.CustomLlmClient;
import dev.customllm.completion.CompletionApi;
import dev.customllm.test.CompletionStub;
import dev.customllm.test.LlmRequest;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that Spring AI's {@link ChatClient} on a {@link CustomLlmChatModel} works the
 * same on chat completions and on the Responses API: answers, usage, tool calling (called
 * and streamed) and structured output asked for natively.
 */
@ExtendWith(LlmSimulatorExtension.class)
class CompletionApisBridgeTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static LlmSimulator llm;

	@BeforeAll
	static void start(LlmSimulator simulator) {
		llm = simulator;
	}

	@ParameterizedTest
	@EnumSource(value = CompletionApi.class, names = { "CHAT", "RESPONSES" })
	void callCarriesTheAnswerAndItsUsage(CompletionApi api) {
		stub(api).answers("Hello there!");
		try (CustomLlmClient client = client(api)) {
			ChatResponse response = chat(client).prompt().system("Be brief.").user("Say hello").call().chatResponse();
			assertThat(response.getResult().getOutput().getText()).isEqualTo("Hello there!");
			assertThat(response.getMetadata().getUsage().getTotalTokens()).isPositive();
			assertThat(response.getResult().getMetadata().getFinishReason()).isEqualToIgnoringCase("stop");
		}
		assertThat(requests(api)).hasSize(1);
	}

	@ParameterizedTest
	@EnumSource(value = CompletionApi.class, names = { "CHAT", "RESPONSES" })
	void toolMethodsAreCalledAndTheirResultsSentBack(CompletionApi api) {
		stub(api).once().callsTool("currentWeather", "{\"city\":\"Paris\"}");
		stub(api).answers("It is sunny in Paris.");
		WeatherTools tools = new WeatherTools();
		try (CustomLlmClient client = client(api)) {
			String content = chat(client).prompt().user("What is the weather in Paris?").tools(tools).call().content();
			assertThat(content).isEqualTo("It is sunny in Paris.");
		}
		assertThat(tools.cities).containsExactly("Paris");
		List<LlmRequest> requests = requests(api);
		assertThat(requests).hasSize(2);
		if (api == CompletionApi.RESPONSES) {
			JsonNode input = requests.get(1).json().path("input");
			assertThat(input.path(1).path("type").asString()).isEqualTo("function_call");
			assertThat(input.path(2).path("type").asString()).isEqualTo("function_call_output");
			assertThat(input.path(2).path("call_id").asString()).isEqualTo(input.path(1).path("call_id").asString());
			assertThat(input.path(2).path("output").asString()).contains("Sunny, 24 degrees in Paris");
		}
	}

	@ParameterizedTest
	@EnumSource(value = CompletionApi.class, names = { "CHAT", "RESPONSES" })
	void toolCallsStreamedAreCalledToo(CompletionApi api) {
		stub(api).once().callsTool("currentWeather", "{\"city\":\"Paris\"}");
		stub(api).streams("It is ", "sunny.");
		WeatherTools tools = new WeatherTools();
		try (CustomLlmClient client = client(api)) {
			List<String> content = chat(client).prompt()
				.user("What is the weather in Paris?")
				.tools(tools)
				.stream()
				.content()
				.collectList()
				.block(TIMEOUT);
			assertThat(String.join("", content)).isEqualTo("It is sunny.");
		}
		assertThat(tools.cities).containsExactly("Paris");
		assertThat(requests(api)).hasSize(2);
	}

	@ParameterizedTest
	@EnumSource(value = CompletionApi.class, names = { "CHAT", "RESPONSES" })
	void entityAskedForNativelyIsRead(CompletionApi api) {
		stub(api).answers("{\"name\": \"Paris\", \"population\": 2100000}");
		try (CustomLlmClient client = client(api)) {
			City city = chat(client).prompt()
				.user("Which city is the capital of France?")
				.call()
				.entity(City.class, (spec) -> spec.useProviderStructuredOutput());
			assertThat(city).isEqualTo(new City("Paris", 2100000));
		}
		JsonNode body = requests(api).get(0).json();
		JsonNode format = (api == CompletionApi.RESPONSES) ? body.path("text").path("format")
				: body.path("response_format");
		assertThat(format.path("type").asString()).isEqualTo("json_schema");
	}

	private static CompletionStub stub(CompletionApi api) {
		return (api == CompletionApi.RESPONSES) ? llm.responses() : llm.chat();
	}

	private static List<LlmRequest> requests(CompletionApi api) {
		return (api == CompletionApi.RESPONSES) ? llm.responsesRequests() : llm.chatRequests();
	}

	private static CustomLlmClient client(CompletionApi api) {
		return CustomLlmClient.builder().baseUrl(llm.baseUrl()).apiKey("sk-test").completionApi(api).build();
	}

	private static ChatClient chat(CustomLlmClient client) {
		return ChatClient.create(new CustomLlmChatModel(client.completionModel("simulator")));
	}

	record City(String name, int population) {
	}

	static class WeatherTools {

		final List<String> cities = new ArrayList<>();

		@Tool(description = "Current weather in a city")
		String currentWeather(@ToolParam(description = "Name of the city") String city) {
			this.cities.add(city);
			return "Sunny, 24 degrees in " + city;
		}

	}

}
