package dev.customllm.sample.assistant;

import java.util.ArrayList;
import java.util.List;

import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.CompletionResponse;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link AssistantService}.
 *
 * @author Custom LLM team
 */
class AssistantServiceTests {

	private final List<CompletionRequest> requests = new ArrayList<>();

	private final AssistantService service = new AssistantService(new CompletionModel() {

		@Override
		public Mono<CompletionResponse> completeAsync(CompletionRequest request) {
			return Mono.error(new AssertionError("the assistant should stream"));
		}

		@Override
		public Flux<CompletionChunk> stream(CompletionRequest request) {
			AssistantServiceTests.this.requests.add(request);
			return Flux.just(CompletionChunk.delta("Hello"), CompletionChunk.delta(" there"),
					new CompletionChunk("", true, "stop", null, List.of(), "m"));
		}

	});

	@Test
	void streamsTheAnswerOfTheModelWithInstructions() {
		assertThat(this.service.streamAnswer("Hi?").map(CompletionChunk::text).collectList().block())
			.containsExactly("Hello", " there", "");
		assertThat(this.requests).singleElement().satisfies((request) -> {
			assertThat(request.messages()).singleElement()
				.satisfies((message) -> assertThat(message.role()).isEqualTo("system"));
			assertThat(request.prompt()).isEqualTo("Hi?");
			assertThat(request.maxTokens()).isEqualTo(AssistantService.MAX_TOKENS);
		});
	}

	@Test
	void rejectsBlankQuestionWithoutCallingModel() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.streamAnswer(" "));
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.streamAnswer(null));
		assertThat(this.requests).isEmpty();
	}

}
