package dev.customllm.springai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmAuthenticationException;
import dev.customllm.resilience.RetrySettings;
import dev.customllm.test.LlmFault;
import dev.customllm.test.LlmRequest;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import org.springframework.ai.chat.client.AdvisorParams;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests of Spring AI's {@link ChatClient} on a {@link CustomLlmChatModel}, against the
 * simulator.
 */
@ExtendWith(LlmSimulatorExtension.class)
class ChatClientTests {

	private static final String API_KEY = "sk-test-secret-key-123";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static LlmSimulator llm;

	private static CustomLlmClient client;

	private ChatClient chatClient;

	@BeforeAll
	static void start(LlmSimulator simulator) {
		llm = simulator;
		client = CustomLlmClient.builder()
			.baseUrl(simulator.baseUrl())
			.apiKey(API_KEY)
			.retry(RetrySettings.builder()
				.delay(Duration.ofMillis(20))
				.maxDelay(Duration.ofMillis(100))
				.jitter(0)
				.maxRetryAfter(Duration.ofSeconds(1))
				.build())
			.build();
	}

	@AfterAll
	static void stop() {
		client.close();
	}

	@BeforeEach
	void createChatClient() {
		this.chatClient = ChatClient.create(new CustomLlmChatModel(client.completionModel("simulator")));
	}

	@Test
	void callReturnsTheAnswer() {
		llm.chat().answers("Hello from the simulator.");
		String content = this.chatClient.prompt().system("Be brief.").user("Say hello").call().content();
		assertThat(content).isEqualTo("Hello from the simulator.");
		JsonNode messages = onlyChatRequest().json().path("messages");
		assertThat(roles(messages)).containsExactly("system", "user");
		assertThat(messages.path(1).path("content").asString()).isEqualTo("Say hello");
	}

	@Test
	void callResponseCarriesFinishReasonUsageIdAndModel() {
		llm.chat().answers("Hello.");
		ChatResponse response = this.chatClient.prompt().user("Say hello").call().chatResponse();
		assertThat(response).isNotNull();
		assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("STOP");
		assertThat(response.getMetadata().getId()).isNotBlank();
		assertThat(response.getMetadata().getModel()).isEqualTo("simulator");
		Usage usage = response.getMetadata().getUsage();
		assertThat(usage.getPromptTokens()).isPositive();
		assertThat(usage.getCompletionTokens()).isPositive();
		assertThat(usage.getTotalTokens()).isEqualTo(usage.getPromptTokens() + usage.getCompletionTokens());
	}

	@Test
	void entityIsReadFromAnAnswerToSpringAiFormatInstructions() {
		llm.chat().answers("{\"name\": \"Paris\", \"population\": 2100000}");
		City city = this.chatClient.prompt().user("Which city is the capital of France?").call().entity(City.class);
		assertThat(city).isEqualTo(new City("Paris", 2100000));
		assertThat(onlyChatRequest().prompt()).startsWith("Which city is the capital of France?")
			.contains("JSON Schema")
			.contains("population");
		assertThat(onlyChatRequest().json().has("response_format")).isFalse();
	}

	@Test
	void defaultEntityIsReadFromTheSimulatorsOwnAnswerToTheFormatInstructions() {
		Review review = this.chatClient.prompt()
			.user("Review the cheerful film Amelie about a shy waitress in Paris.")
			.call()
			.entity(Review.class);
		assertThat(review.title()).startsWith("Review the cheerful film");
		assertThat(review.tags()).isNotEmpty();
		assertThat(review.mood()).isEqualTo(Mood.CHEERFUL);
		assertThat(review.watched()).isNotNull();
		assertThat(onlyChatRequest().json().has("response_format")).isFalse();
	}

	@Test
	void entityAskedForNativelySendsTheSchemaAsResponseFormat() {
		llm.chat().answers("{\"name\": \"Paris\", \"population\": 2100000}");
		City city = this.chatClient.prompt()
			.user("Which city is the capital of France?")
			.call()
			.entity(City.class, (spec) -> spec.useProviderStructuredOutput());
		assertThat(city).isEqualTo(new City("Paris", 2100000));
		assertSchemaSentAsResponseFormat(onlyChatRequest());
	}

	@Test
	void entityAskedForNativelyThroughTheAdvisorParameterSendsTheSchemaAsResponseFormat() {
		llm.chat().answers("{\"name\": \"Paris\", \"population\": 2100000}");
		City city = this.chatClient.prompt()
			.user("Which city is the capital of France?")
			.advisors(AdvisorParams.ENABLE_NATIVE_STRUCTURED_OUTPUT)
			.call()
			.entity(City.class);
		assertThat(city).isEqualTo(new City("Paris", 2100000));
		assertSchemaSentAsResponseFormat(onlyChatRequest());
	}

	@Test
	void entityAskedForNativelyKeepsPlainToolCallingOptionsOfTheRequest() {
		llm.chat().answers("{\"name\": \"Paris\", \"population\": 2100000}");
		City city = this.chatClient.prompt()
			.user("Which city is the capital of France?")
			.options(ToolCallingChatOptions.builder().temperature(0.3))
			.call()
			.entity(City.class, (spec) -> spec.useProviderStructuredOutput());
		assertThat(city).isEqualTo(new City("Paris", 2100000));
		assertSchemaSentAsResponseFormat(onlyChatRequest());
		assertThat(onlyChatRequest().json().path("temperature").asDouble()).isEqualTo(0.3);
	}

	@Test
	void entityAskedForNativelyKeepsPlainChatOptionsOfTheRequest() {
		llm.chat().answers("{\"name\": \"Paris\", \"population\": 2100000}");
		City city = this.chatClient.prompt()
			.user("Which city is the capital of France?")
			.options(ChatOptions.builder().maxTokens(50))
			.call()
			.entity(City.class, (spec) -> spec.useProviderStructuredOutput());
		assertThat(city).isEqualTo(new City("Paris", 2100000));
		assertSchemaSentAsResponseFormat(onlyChatRequest());
		assertThat(onlyChatRequest().json().path("max_tokens").asInt()).isEqualTo(50);
	}

	@Test
	void entityAskedForNativelyFromAServiceThatRefusesJsonSchemaIsStillRead() {
		llm.chat().refusesJsonSchema();
		City city;
		// a client of its own: a client remembers the refusal for later requests
		try (CustomLlmClient refused = CustomLlmClient.builder().baseUrl(llm.baseUrl()).apiKey(API_KEY).build()) {
			city = ChatClient.create(new CustomLlmChatModel(refused.completionModel("simulator")))
				.prompt()
				.user("Which city is the capital of France?")
				.call()
				.entity(City.class, (spec) -> spec.useProviderStructuredOutput());
		}
		assertThat(city).isNotNull();
		assertThat(city.name()).isNotBlank();
		List<LlmRequest> requests = llm.chatRequests();
		assertThat(requests).hasSize(2);
		assertThat(requests.get(0).json().path("response_format").path("type").asString()).isEqualTo("json_schema");
		JsonNode fallback = requests.get(1).json();
		assertThat(fallback.path("response_format").path("type").asString()).isEqualTo("json_object");
		assertThat(fallback.path("messages").path(0).path("role").asString()).isEqualTo("system");
		assertThat(fallback.path("messages").path(0).path("content").asString()).contains("population");
	}

	private static void assertSchemaSentAsResponseFormat(LlmRequest request) {
		JsonNode format = request.json().path("response_format");
		assertThat(format.path("type").asString()).isEqualTo("json_schema");
		assertThat(format.path("json_schema").path("name").asString()).isEqualTo("answer");
		JsonNode properties = format.path("json_schema").path("schema").path("properties");
		assertThat(properties.path("name").path("type").asString()).isEqualTo("string");
		assertThat(properties.path("population").path("type").asString()).isEqualTo("integer");
		assertThat(request.prompt()).isEqualTo("Which city is the capital of France?").doesNotContain("JSON Schema");
	}

	@Test
	void streamDeliversTheFragmentsAndTheUsageOnTheLastResponse() {
		llm.chat().streams("Hel", "lo", " there!");
		List<ChatResponse> responses = this.chatClient.prompt()
			.user("Say hello")
			.stream()
			.chatResponse()
			.collectList()
			.block(TIMEOUT);
		ChatResponse last = responses.get(responses.size() - 1);
		assertThat(last.getMetadata().getUsage().getTotalTokens()).isPositive();
		assertThat(last.getResult().getMetadata().getFinishReason()).isEqualTo("STOP");
		assertThat(last.getMetadata().getModel()).isEqualTo("simulator");
		assertThat(responses.subList(0, responses.size() - 1))
			.allSatisfy((response) -> assertThat(response.getMetadata().getUsage().getTotalTokens()).isZero());
		assertThat(responses).extracting((response) -> response.getResult().getOutput().getText())
			.containsExactly("Hel", "lo", " there!", "");
		assertThat(onlyChatRequest().streamed()).isTrue();
	}

	@Test
	void streamContentIsTheFragments() {
		llm.chat().streams("Hel", "lo", " there!");
		List<String> content = this.chatClient.prompt()
			.user("Say hello")
			.stream()
			.content()
			.collectList()
			.block(TIMEOUT);
		assertThat(content).containsExactly("Hel", "lo", " there!");
	}

	@Test
	void toolMethodsAreCalledAndTheirResultsSentBack() {
		llm.chat().once().callsTool("currentWeather", "{\"city\":\"Paris\"}");
		llm.chat().answers("It is sunny in Paris.");
		WeatherTools tools = new WeatherTools();
		String content = this.chatClient.prompt().user("What is the weather in Paris?").tools(tools).call().content();
		assertThat(content).isEqualTo("It is sunny in Paris.");
		assertThat(tools.cities).containsExactly("Paris");
		List<LlmRequest> requests = llm.chatRequests();
		assertThat(requests).hasSize(2);
		JsonNode offered = requests.get(0).json().path("tools").path(0).path("function");
		assertThat(offered.path("name").asString()).isEqualTo("currentWeather");
		assertThat(offered.path("description").asString()).isEqualTo("Current weather in a city");
		assertThat(offered.path("parameters").path("properties").has("city")).isTrue();
		JsonNode messages = requests.get(1).json().path("messages");
		assertThat(roles(messages)).containsExactly("user", "assistant", "tool");
		String callId = messages.path(1).path("tool_calls").path(0).path("id").asString();
		assertThat(messages.path(1).path("tool_calls").path(0).path("function").path("name").asString())
			.isEqualTo("currentWeather");
		assertThat(messages.path(2).path("tool_call_id").asString()).isEqualTo(callId);
		assertThat(messages.path(2).path("content").asString()).contains("Sunny, 24 degrees in Paris");
	}

	@Test
	void toolCallsStreamedAreCalledToo() {
		llm.chat().once().callsTool("currentWeather", "{\"city\":\"Paris\"}");
		llm.chat().streams("It is ", "sunny.");
		WeatherTools tools = new WeatherTools();
		List<String> content = this.chatClient.prompt()
			.user("What is the weather in Paris?")
			.tools(tools)
			.stream()
			.content()
			.collectList()
			.block(TIMEOUT);
		assertThat(String.join("", content)).isEqualTo("It is sunny.");
		assertThat(tools.cities).containsExactly("Paris");
		assertThat(llm.chatRequests()).hasSize(2);
	}

	@Test
	void chatMemoryCarriesTheFirstExchangeIntoTheSecondTurn() {
		ChatMemory memory = MessageWindowChatMemory.builder().build();
		ChatClient withMemory = this.chatClient.mutate()
			.defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build())
			.build();
		llm.chat().once().answers("Nice to meet you, Ada.");
		llm.chat().answers("Your name is Ada.");
		withMemory.prompt()
			.user("My name is Ada.")
			.advisors((a) -> a.param(ChatMemory.CONVERSATION_ID, "c1"))
			.call()
			.content();
		String second = withMemory.prompt()
			.user("What is my name?")
			.advisors((a) -> a.param(ChatMemory.CONVERSATION_ID, "c1"))
			.call()
			.content();
		assertThat(second).isEqualTo("Your name is Ada.");
		JsonNode messages = llm.chatRequests().get(1).json().path("messages");
		assertThat(roles(messages)).containsExactly("user", "assistant", "user");
		assertThat(contents(messages)).containsExactly("My name is Ada.", "Nice to meet you, Ada.", "What is my name?");
	}

	@Test
	void rateLimitIsRetriedUnderneathAndSeenOnceBySpringAi() {
		llm.chat().once().fails(LlmFault.rateLimited());
		llm.chat().answers("Done.");
		CountingAdvisor counter = new CountingAdvisor();
		String content = this.chatClient.prompt().user("Do it").advisors(counter).call().content();
		assertThat(content).isEqualTo("Done.");
		assertThat(llm.chatRequests()).hasSize(2);
		assertThat(counter.calls).hasValue(1);
	}

	@Test
	void authenticationFailureReachesTheCallerAsLlmAuthenticationException() {
		llm.chat().fails(LlmFault.status(401, "Incorrect API key provided"));
		Throwable thrown = catchThrowable(() -> this.chatClient.prompt().user("Hello").call().content());
		assertThat(thrown).isInstanceOf(LlmAuthenticationException.class);
		assertThat(((LlmAuthenticationException) thrown).status()).isEqualTo(401);
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			assertThat(String.valueOf(cause.getMessage())).doesNotContain(API_KEY);
		}
		assertThat(llm.chatRequests()).hasSize(1);
	}

	@Test
	void streamFailureReachesTheCallerAsTheClientsException() {
		llm.chat().fails(LlmFault.status(403, "Forbidden"));
		Throwable thrown = catchThrowable(
				() -> this.chatClient.prompt().user("Hello").stream().content().collectList().block(TIMEOUT));
		assertThat(thrown).isInstanceOf(LlmAuthenticationException.class);
	}

	private LlmRequest onlyChatRequest() {
		assertThat(llm.chatRequests()).hasSize(1);
		return llm.chatRequests().get(0);
	}

	private static List<String> roles(JsonNode messages) {
		return messages.values().stream().map((message) -> message.path("role").asString()).toList();
	}

	private static List<String> contents(JsonNode messages) {
		return messages.values().stream().map((message) -> message.path("content").asString()).toList();
	}

	record City(String name, int population) {
	}

	record Review(String title, int rating, List<String> tags, Mood mood, java.time.LocalDate watched) {
	}

	enum Mood {

		GLOOMY, CHEERFUL

	}

	static class WeatherTools {

		final List<String> cities = new ArrayList<>();

		@Tool(description = "Current weather in a city")
		String currentWeather(@ToolParam(description = "Name of the city") String city) {
			this.cities.add(city);
			return "Sunny, 24 degrees in " + city;
		}

	}

	static class CountingAdvisor implements CallAdvisor {

		final AtomicInteger calls = new AtomicInteger();

		@Override
		public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
			this.calls.incrementAndGet();
			return chain.nextCall(request);
		}

		@Override
		public String getName() {
			return "counting";
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE - 1;
		}

	}

}
