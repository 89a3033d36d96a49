package dev.customllm.sample.summary;

import java.util.ArrayList;
import java.util.List;

import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.CompletionResponse;
import dev.customllm.completion.ResponseFormat;
import dev.customllm.LlmResponseException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SummaryService}.
 *
 * @author Custom LLM team
 */
class SummaryServiceTests {

	private final List<CompletionRequest> requests = new ArrayList<>();

	private String answer = "  A summary.\n";

	private final SummaryService service = new SummaryService((request) -> {
		this.requests.add(request);
		return Mono
			.just(CompletionResponse.builder().model("test-model").text(this.answer).finishReason("stop").build());
	});

	@Test
	void asksForBoundedSummaryOfText() {
		assertThat(this.service.summarize("Some long text.").block()).isEqualTo("A summary.");
		assertThat(this.requests).singleElement().satisfies((request) -> {
			assertThat(request.messages()).singleElement().satisfies((message) -> {
				assertThat(message.role()).isEqualTo("system");
				assertThat(message.content()).contains("Summarize");
			});
			assertThat(request.prompt()).isEqualTo("Some long text.");
			assertThat(request.maxTokens()).isEqualTo(SummaryService.MAX_TOKENS);
		});
	}

	@Test
	void asksForASummaryWithKeywordsInTheSchemaOfStructuredSummary() {
		this.answer = "{\"summary\": \"A summary.\", \"keywords\": [\"moon\", \"phases\"]}";
		StructuredSummary summary = this.service.summarizeStructured("Some long text.").block();
		assertThat(summary).isEqualTo(new StructuredSummary("A summary.", List.of("moon", "phases")));
		assertThat(this.requests).singleElement().satisfies((request) -> {
			assertThat(request.messages().get(0).content()).contains("keywords");
			assertThat(request.responseFormat()).isEqualTo(ResponseFormat.of(StructuredSummary.class));
			assertThat(request.repairAttempts()).isEqualTo(1);
		});
	}

	@Test
	void structuredSummaryWithoutKeywordsIsRepairedOnce() {
		this.answer = "{\"summary\": \"A summary.\"}";
		assertThatExceptionOfType(LlmResponseException.class)
			.isThrownBy(() -> this.service.summarizeStructured("Some long text.").block())
			.satisfies((ex) -> assertThat(ex.problem()).contains("missing required property 'keywords'"));
		assertThat(this.requests).hasSize(2);
	}

	@Test
	void rejectsBlankTextWithoutCallingModel() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.summarize(" \n"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.summarize(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.summarizeStructured(" "));
		assertThat(this.requests).isEmpty();
	}

}
