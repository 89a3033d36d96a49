package dev.customllm.docs.snippets.configuration;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmApiException;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.test.LlmFault;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests that a client works on the sender of docs/configuration.md, which knows nothing
 * of Netty: answers, streams, embeddings and errors.
 */
@ExtendWith(LlmSimulatorExtension.class)
class JdkHttpSenderTests {

	@Test
	void clientWorksOnASenderOfTheJdksHttpClient(LlmSimulator simulator) {
		try (CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl(simulator.baseUrl())
			.apiKey("sk-jdk")
			.httpSender(new JdkHttpSender())
			.build()) {
			assertThat(client.completionModel("m").complete("Hello")).isNotBlank();
			assertThat(client.completionModel("m")
				.stream(CompletionRequest.of("Tell me more"))
				.collectList()
				.block(Duration.ofSeconds(5))).isNotEmpty();
			assertThat(client.embeddingModel("e").embedAll(List.of("a", "b"))).hasSize(2);
			assertThat(simulator.chatRequests().get(0).header("Authorization")).isEqualTo("Bearer sk-jdk");
			simulator.chat().fails(LlmFault.body(400, "application/json", "{\"error\":{\"message\":\"bad\"}}"));
			assertThat(catchThrowable(() -> client.completionModel("m").complete("fails")))
				.isInstanceOfSatisfying(LlmApiException.class, (ex) -> assertThat(ex.status()).isEqualTo(400));
		}
	}

}
