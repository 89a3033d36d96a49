package dev.customllm.docs;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.customllm.LlmApiException;
import dev.customllm.test.LlmFault;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.context.AutoConfigureLlmSimulator;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The example test of the README's "Testing your app" section, kept here so that it
 * compiles and passes.
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

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(SummaryService.class)
	static class Application {

	}

}
