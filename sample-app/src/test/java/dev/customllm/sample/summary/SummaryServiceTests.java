package dev.customllm.sample.summary;

import java.util.ArrayList;
import java.util.List;

import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.CompletionResponse;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SummaryService}.
 *
 * @author Custom LLM team
 */
class SummaryServiceTests {

	private final List<CompletionRequest> requests = new ArrayList<>();

	private final SummaryService service = new SummaryService((request) -> {
		this.requests.add(request);
		return Mono.just(new CompletionResponse(null, "test-model", "  A summary.\n", "stop", null, List.of()));
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
	void rejectsBlankTextWithoutCallingModel() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.summarize(" \n"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.summarize(null));
		assertThat(this.requests).isEmpty();
	}

}
