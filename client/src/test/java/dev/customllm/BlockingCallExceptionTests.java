package dev.customllm;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.customllm.completion.CompletionRequest;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests that a blocking call on a non-blocking thread fails at once, naming the
 * asynchronous method to use, and sends nothing.
 */
@ExtendWith(LlmSimulatorExtension.class)
class BlockingCallExceptionTests {

	@Test
	void blockingCallsOnANonBlockingThreadFailAtOnceNamingTheAsyncMethod(LlmSimulator llm) {
		try (CustomLlmClient client = CustomLlmClient.builder().baseUrl(llm.baseUrl()).build()) {
			assertThat(onEventLoop(() -> client.completionModel("m").complete("Hello")).asyncAlternative())
				.isEqualTo("CompletionModel.completeAsync(CompletionRequest)");
			assertThat(onEventLoop(() -> client.completionModel("m").complete(CompletionRequest.of("Hi"), Answer.class))
				.asyncAlternative()).contains("completeAsync(CompletionRequest, Class)");
			BlockingCallException agent = onEventLoop(() -> client.agent("m").build().prompt("Hello"));
			assertThat(agent.getMessage()).contains("Agent.promptAsync(String)").contains("parallel-");
			assertThat(onEventLoop(() -> client.agent("m").build().prompt("Hello", Answer.class)).asyncAlternative())
				.isEqualTo("Agent.promptAsync(String, Class)");
			assertThat(onEventLoop(() -> client.embeddingModel("e").embed("Hello")).asyncAlternative())
				.contains("embedAsync");
			assertThat(onEventLoop(() -> client.rerankModel("r").rerank("q", List.of("a"))).asyncAlternative())
				.contains("rerankAsync");
		}
		assertThat(llm.requests()).isEmpty();
	}

	@Test
	void blockingCallsOnOtherThreadsAndAsyncCallsOnTheEventLoopWork(LlmSimulator llm) {
		try (CustomLlmClient client = CustomLlmClient.builder().baseUrl(llm.baseUrl()).build()) {
			assertThat(client.completionModel("m").complete("Hello")).isNotBlank();
			String async = Mono.defer(() -> client.completionModel("m").completeAsync(CompletionRequest.of("Hello")))
				.subscribeOn(Schedulers.parallel())
				.block(Duration.ofSeconds(10))
				.text();
			assertThat(async).isNotBlank();
			String offloaded = Mono.fromCallable(() -> client.completionModel("m").complete("Hello"))
				.subscribeOn(Schedulers.boundedElastic())
				.block(Duration.ofSeconds(10));
			assertThat(offloaded).isNotBlank();
		}
	}

	private static BlockingCallException onEventLoop(Callable<?> call) {
		return catchThrowableOfType(BlockingCallException.class,
				() -> Mono.fromCallable(call).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10)));
	}

	record Answer(String text) {
	}

}
