package dev.customllm.docs.snippets.testing;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.customllm.LlmApiException;
import dev.customllm.test.LlmFault;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.context.AutoConfigureLlmSimulator;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The complete test of docs/testing.md, kept here so that it compiles and passes. It runs
 * on {@link SnippetApplication}, as a user's test runs on their application.
 */
@SpringBootTest
@AutoConfigureLlmSimulator
class SummaryServiceTests {

	@Autowired
	SummaryService summaries;

	@Autowired
	LlmSimulator llm;

	@Test
	void summarizes() {
		this.llm.chat().answers("A short summary.");
		assertThat(this.summaries.summarize("A long text.")).isEqualTo("A short summary.");
		assertThat(this.llm.chatRequests()).singleElement()
			.satisfies((request) -> assertThat(request.prompt()).endsWith("A long text."));
	}

	@Test
	void retriesWhenRateLimited() {
		this.llm.chat().once().fails(LlmFault.rateLimited(Duration.ofSeconds(1)));
		this.llm.chat().answers("A short summary.");
		assertThat(this.summaries.summarize("A long text.")).isEqualTo("A short summary.");
		assertThat(this.llm.chatRequests()).hasSize(2);
	}

	@Test
	void reportsAnOutage() {
		this.llm.chat().fails(LlmFault.unavailable());
		assertThatExceptionOfType(LlmApiException.class).isThrownBy(() -> this.summaries.summarize("A long text."))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(503));
	}

}
