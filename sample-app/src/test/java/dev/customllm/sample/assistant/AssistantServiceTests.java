package dev.customllm.sample.assistant;

import java.util.ArrayList;
import java.util.List;

import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.CompletionResponse;
import dev.customllm.embedding.Embedding;
import dev.customllm.embedding.EmbeddingModel;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link AssistantService}.
 *
 * @author Custom LLM team
 */
class AssistantServiceTests {

	private final List<CompletionRequest> requests = new ArrayList<>();

	private final EmbeddingModel embeddings = (texts) -> Mono
		.just(texts.stream().map((text) -> new Embedding(0, new float[] { text.length(), 1 })).toList());

	private final CorpusIndex corpus = new CorpusIndex(this.embeddings, JsonMapper.builder().build());

	private final AssistantService service = new AssistantService(new CompletionModel() {

		@Override
		public Mono<CompletionResponse> completeAsync(CompletionRequest request) {
			AssistantServiceTests.this.requests.add(request);
			return Mono.just(
					CompletionResponse.builder().id("id").model("m").text("Hello there").finishReason("stop").build());
		}

		@Override
		public Flux<CompletionChunk> stream(CompletionRequest request) {
			AssistantServiceTests.this.requests.add(request);
			return Flux.just(CompletionChunk.delta("Hello"), CompletionChunk.delta(" there"),
					CompletionChunk.builder().last(true).finishReason("stop").model("m").build());
		}

	}, this.corpus, new DocumentLookup(this.corpus));

	@Test
	void streamsTheAnswerOfTheAgentWithInstructionsContextAndTool() {
		assertThat(this.service.streamAnswer("Hi?").map(CompletionChunk::text).collectList().block())
			.containsExactly("Hello", " there", "");
		assertThat(this.requests).singleElement().satisfies((request) -> {
			assertThat(request.messages()).extracting("role").containsExactly("system", "user");
			assertThat(request.messages().get(0).content()).startsWith(AssistantService.INSTRUCTIONS)
				.contains("<document id=");
			assertThat(request.messages().get(1).content()).isEqualTo("Hi?");
			assertThat(request.maxTokens()).isEqualTo(AssistantService.MAX_TOKENS);
			assertThat(request.tools()).extracting("name").containsExactly("lookup_document");
		});
	}

	@Test
	void answersWhole() {
		assertThat(this.service.answer("Hi?").block()).isEqualTo("Hello there");
	}

	@Test
	void rejectsBlankQuestionWithoutCallingModel() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.streamAnswer(" "));
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.streamAnswer(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.answer(" "));
		assertThat(this.requests).isEmpty();
	}

}
