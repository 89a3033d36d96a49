package dev.customllm.testcontainers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmApiException;
import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.embedding.Embedding;
import dev.customllm.test.LlmSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the simulator's container image ({@code test-support/src/main/docker}),
 * started by Testcontainers and called through {@link CustomLlmClient}: it answers chat,
 * streams and embeddings as the embedded simulator does, and a fault scripted over its
 * admin API reaches the client. CI builds the image ({@code .ci/docker-engine});
 * elsewhere the class is skipped until it is built (docs/testing.md).
 */
@EnabledWithDocker(image = "${" + SimulatorContainerTests.IMAGE_PROPERTY + "}", builtByCi = true)
@Testcontainers
class SimulatorContainerTests {

	static final String IMAGE_PROPERTY = "custom-llm.simulator.image";

	static final String IMAGE = Objects.requireNonNull(System.getProperty(IMAGE_PROPERTY),
			IMAGE_PROPERTY + " (set by the pom: custom-llm-simulator:<version>)");

	static final int PORT = 8089;

	@Container
	static final GenericContainer<?> simulator = new GenericContainer<>(DockerImageName.parse(IMAGE))
		.withExposedPorts(PORT)
		.waitingFor(Wait.forLogMessage(".*LLM simulator .* listening on .*\\n", 1))
		.withStartupTimeout(Duration.ofSeconds(90));

	private static CustomLlmClient client;

	private static LlmSimulator embedded;

	private static CustomLlmClient embeddedClient;

	@BeforeAll
	static void connect() {
		client = CustomLlmClient.builder()
			.baseUrl("http://" + simulator.getHost() + ":" + simulator.getMappedPort(PORT) + "/v1")
			.apiKey("sk-container")
			.build();
		embedded = LlmSimulator.start();
		embeddedClient = CustomLlmClient.builder().baseUrl(embedded.baseUrl()).apiKey("sk-embedded").build();
	}

	@AfterAll
	static void close() {
		client.close();
		embeddedClient.close();
		embedded.close();
	}

	@Test
	void answersChatAsTheEmbeddedSimulator() {
		String answer = client.completionModel("m").complete("What is Java");
		assertThat(answer).isNotBlank().isEqualTo(embeddedClient.completionModel("m").complete("What is Java"));
	}

	@Test
	void streamsTheAnswerInChunks() {
		CompletionRequest request = CompletionRequest.builder().prompt("Tell me about streams").build();
		List<CompletionChunk> chunks = client.completionModel("m").stream(request).collectList().block();
		assertThat(chunks).hasSizeGreaterThan(1);
		assertThat(chunks.stream().map(CompletionChunk::text).collect(Collectors.joining()))
			.isEqualTo(embeddedClient.completionModel("m").complete(request).text());
	}

	@Test
	void embedsEveryTextAsTheEmbeddedSimulator() {
		List<String> texts = List.of("one", "two", "three");
		List<Embedding> vectors = client.embeddingModel("e").embedAll(texts);
		List<Embedding> expected = embeddedClient.embeddingModel("e").embedAll(texts);
		assertThat(vectors).hasSize(3);
		for (int i = 0; i < texts.size(); i++) {
			assertThat(vectors.get(i).dimensions()).isPositive();
			assertThat(vectors.get(i).vector()).containsExactly(expected.get(i).vector());
		}
	}

	@Test
	void aFaultScriptedOverHttpReachesTheClientOnce() throws Exception {
		String faults = "http://" + simulator.getHost() + ":" + simulator.getMappedPort(PORT)
				+ "/__admin/simulator/faults";
		String body = "{\"endpoint\":\"chat\",\"fault\":\"status\",\"status\":418,\"message\":\"teapot\",\"times\":1}";
		HttpResponse<String> scripted = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(faults))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(scripted.statusCode()).as(scripted.body()).isEqualTo(200);
		CompletionModel model = client.completionModel("m");
		assertThatExceptionOfType(LlmApiException.class).isThrownBy(() -> model.complete("Hi"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(418));
		assertThat(model.complete("Hi")).isNotBlank();
	}

}
