package dev.customllm.security;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmRequestException;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.embedding.EmbeddingDefaults;
import dev.customllm.resilience.RetrySettings;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many large answers arriving at once: past the client's memory budget the extra calls
 * fail fast with a client limit instead of exhausting the heap, and every answer gives
 * its memory back, whether it was read, refused or failed.
 */
@ExtendWith(LlmSimulatorExtension.class)
class ResponseMemoryTests {

	@Test
	void answersPastTheBudgetFailFastAndTheBudgetIsGivenBack(LlmSimulator llm) {
		String text = "x".repeat(1024 * 1024);
		llm.wireMock()
			.stubFor(post(anyUrl())
				.willReturn(okJson("{\"choices\":[{\"index\":0,\"message\":{\"content\":\"" + text + "\"}}]}")
					.withChunkedDribbleDelay(8, 800)));
		try (CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl(llm.baseUrl())
			.maxBufferedResponseBytes(3L * 1024 * 1024)
			.retry(RetrySettings.NONE)
			.build()) {
			CompletionModel model = client.completionModel("m");
			AtomicInteger refused = new AtomicInteger();
			List<Integer> lengths = Flux.range(0, 10)
				.flatMap((i) -> model.completeAsync(CompletionRequest.of("Write a lot"))
					.map((answer) -> answer.text().length())
					.onErrorResume(LlmRequestException.class, (failure) -> {
						assertThat(failure.kind()).isEqualTo(LlmRequestException.Kind.CLIENT_LIMIT);
						assertThat(failure).hasMessageContaining("max-buffered-response-bytes");
						refused.incrementAndGet();
						return Mono.empty();
					}), 10)
				.collectList()
				.block(Duration.ofSeconds(30));
			assertThat(refused.get()).isPositive();
			assertThat(lengths).isNotEmpty().allSatisfy((length) -> assertThat(length).isEqualTo(text.length()));
			for (int i = 0; i < 3; i++) {
				assertThat(model.complete(CompletionRequest.of("Again")).text()).hasSize(text.length());
			}
		}
	}

	@Test
	void embeddingsAnswersLargerThanTheBudgetAreReadBecauseOnlyTheirParsersWindowIsHeld(LlmSimulator llm) {
		String vector = "A".repeat(8 * 1024);
		String item = "{\"object\":\"embedding\",\"index\":%d,\"embedding\":\"" + vector + "\"}";
		StringBuilder answer = new StringBuilder("{\"object\":\"list\",\"data\":[");
		for (int i = 0; i < 128; i++) {
			answer.append((i > 0) ? "," : "").append(item.formatted(i));
		}
		answer.append("],\"model\":\"e\"}");
		llm.wireMock().stubFor(post(anyUrl()).willReturn(okJson(answer.toString())));
		try (CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl(llm.baseUrl())
			.maxBufferedResponseBytes(256L * 1024)
			.retry(RetrySettings.NONE)
			.embeddingDefaults(EmbeddingDefaults.builder().model("e").batchSize(128).maxConcurrency(4).build())
			.build()) {
			// 4 answers of 1 MB at once, each held whole before, within a budget of 256
			// KB
			List<String> texts = java.util.stream.IntStream.range(0, 512).mapToObj((i) -> "text " + i).toList();
			assertThat(client.embeddingModel().embedAll(texts)).hasSize(512)
				.allSatisfy((embedding) -> assertThat(embedding.dimensions()).isEqualTo(1536));
		}
	}

}
