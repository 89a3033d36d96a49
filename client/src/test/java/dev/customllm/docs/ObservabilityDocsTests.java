package dev.customllm.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmApiException;
import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.resilience.RateLimitSettings;
import dev.customllm.resilience.RetrySettings;
import dev.customllm.test.LlmFault;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests that docs/observability.md names every meter the client registers, every tag key,
 * and every tag value that is not a model or provider name, from calls that make them
 * all: answers, a stream cancelled midway, retries, an API error, limits and embeddings.
 */
@ExtendWith(LlmSimulatorExtension.class)
class ObservabilityDocsTests {

	private static final Set<String> NAMES = Set.of("gen_ai.provider.name", "gen_ai.request.model",
			"gen_ai.response.model");

	@Test
	void pageListsEveryMeterTagAndTagValue(LlmSimulator llm) throws IOException {
		MeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		try (CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl(llm.baseUrl())
			.observationRegistry(observations)
			.meterRegistry(meters)
			.retry(RetrySettings.builder().delay(Duration.ofMillis(5)).maxDelay(Duration.ofMillis(10)).build())
			.rateLimits(RateLimitSettings.builder().maxConcurrentRequests(4).requestsPerSecond(1000.0).build())
			.build()) {
			llm.chat().once().fails(LlmFault.unavailable());
			client.completionModel("m").complete("Hello");
			client.completionModel("m").stream(CompletionRequest.of("Tell me a long story")).blockFirst();
			Flux<CompletionChunk> stream = client.completionModel("m").stream(CompletionRequest.of("Hi"));
			stream.take(1).blockLast(Duration.ofSeconds(10));
			llm.chat().fails(LlmFault.status(400, "bad"));
			assertThat(catchThrowable(() -> client.completionModel("m").complete("Hello")))
				.isInstanceOf(LlmApiException.class);
			client.embeddingModel("e").embedAll(List.of("a", "b"));
		}
		String page = Files.readString(DocsRoot.find().resolve("docs/observability.md"));
		Set<String> missing = new TreeSet<>();
		for (Meter meter : meters.getMeters()) {
			String name = meter.getId().getName();
			check(page, name, missing);
			for (Tag tag : meter.getId().getTags()) {
				check(page, tag.getKey(), missing);
				if (!NAMES.contains(tag.getKey())) {
					check(page, tag.getValue(), missing);
				}
			}
		}
		assertThat(meters.getMeters()).extracting((meter) -> meter.getId().getName())
			.contains("gen_ai.client.operation.active", "gen_ai.client.retries", "gen_ai.client.rate_limit.permits");
		assertThat(meters.getMeters()).flatExtracting((meter) -> meter.getId().getTags())
			.contains(Tag.of("error.type", "cancelled"));
		assertThat(missing).as("meter names, tag keys and tag values missing from docs/observability.md").isEmpty();
	}

	private static void check(String page, String word, Set<String> missing) {
		if (!page.contains("`" + word + "`")) {
			missing.add(word);
		}
	}

	/**
	 * Finds the repository root from the module directory.
	 */
	static final class DocsRoot {

		static Path find() {
			Path current = Path.of("").toAbsolutePath();
			while (current != null && !Files.isDirectory(current.resolve("docs"))) {
				current = current.getParent();
			}
			if (current == null) {
				throw new IllegalStateException("no docs directory above " + Path.of("").toAbsolutePath());
			}
			return current;
		}

	}

}
