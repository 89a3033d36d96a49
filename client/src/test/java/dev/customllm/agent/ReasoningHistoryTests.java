package dev.customllm.agent;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.CompletionResponse;
import dev.customllm.completion.Message;
import dev.customllm.completion.ToolCall;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model's reasoning in an agent's conversation: dropped unless the agent is asked to
 * send the reasoning of tool-call turns back.
 */
class ReasoningHistoryTests {

	private static final Tool WEATHER = Tool.of("get_weather", "Current weather in a city", City.class,
			(city) -> "Sunny in " + city.city());

	@Test
	void reasoningNeverGoesBackByDefault() {
		ThinkingModel model = new ThinkingModel();
		Agent agent = AgentBuilder.of(model).tool(WEATHER).build();
		assertThat(agent.prompt("Weather in Paris?")).isEqualTo("Sunny.");
		agent.stream("Weather in Paris?").blockLast(Duration.ofSeconds(5));
		assertThat(model.requests).hasSize(4);
		assertThat(model.requests).flatMap(CompletionRequest::messages)
			.allSatisfy((message) -> assertThat(message.reasoning()).isNull());
	}

	@Test
	void theReasoningOfToolCallTurnsGoesBackWhenAsked() {
		ThinkingModel model = new ThinkingModel();
		Agent agent = AgentBuilder.of(model).tool(WEATHER).sendReasoningBack(true).build();
		assertThat(agent.prompt("Weather in Paris?")).isEqualTo("Sunny.");
		assertThat(agent.stream("Weather in Paris?").collectList().block(Duration.ofSeconds(5))).contains("Sunny.");
		for (CompletionRequest second : List.of(model.requests.get(1), model.requests.get(3))) {
			Message turn = second.messages()
				.stream()
				.filter((message) -> !message.toolCalls().isEmpty())
				.findFirst()
				.orElseThrow();
			assertThat(turn.reasoning()).isEqualTo("I need the weather tool.");
		}
	}

	@Test
	void onlyAssistantMessagesCarryReasoning() {
		assertThat(Message.builder().role("assistant").content("x").reasoning("why").build().reasoning())
			.isEqualTo("why");
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> Message.builder().role("user").content("x").reasoning("why").build())
			.withMessageContaining("only assistant messages carry reasoning");
		assertThat(Message.builder().role("assistant").content("x").reasoning("why").build().toString())
			.doesNotContain("why");
	}

	/**
	 * A reasoning model that asks for the weather tool, then answers, recording the
	 * requests.
	 */
	static final class ThinkingModel implements CompletionModel {

		final List<CompletionRequest> requests = new CopyOnWriteArrayList<>();

		@Override
		public Mono<CompletionResponse> completeAsync(CompletionRequest request) {
			this.requests.add(request);
			boolean answered = request.messages().stream().anyMatch((message) -> message.role().equals("tool"));
			if (answered) {
				return Mono.just(CompletionResponse.builder().text("Sunny.").reasoning("The tool said sunny.").build());
			}
			return Mono.just(CompletionResponse.builder()
				.reasoning("I need the weather tool.")
				.toolCalls(List.of(new ToolCall("c1", "get_weather", "{\"city\":\"Paris\"}")))
				.build());
		}

	}

	record City(String city) {

	}

}
