package dev.customllm.docs;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.customllm.completion.CompletionRequest;
import dev.customllm.resilience.RetrySettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of docs/api-evolution.md.
 */
class ApiEvolutionTests {

	@Test
	void copiesWithChangesLeaveTheOriginalAsItWas() {
		RetrySettings retry = RetrySettings.defaults().withMaxRetries(3).withMaxDelay(Duration.ofSeconds(20));
		CompletionRequest request = CompletionRequest.builder()
			.system("Be brief.")
			.prompt("Hello")
			.maxTokens(64)
			.build();
		CompletionRequest colder = request.toBuilder().temperature(0.1).build();

		assertThat(retry.maxRetries()).isEqualTo(3);
		assertThat(retry.maxDelay()).isEqualTo(Duration.ofSeconds(20));
		assertThat(retry.delay()).isEqualTo(RetrySettings.DEFAULT.delay());
		assertThat(RetrySettings.DEFAULT.maxRetries()).isEqualTo(2);
		assertThat(colder.temperature()).isEqualTo(0.1);
		assertThat(request.temperature()).isNull();
		assertThat(colder.messages()).isEqualTo(request.messages());
		assertThat(colder.maxTokens()).isEqualTo(64);
	}

}
