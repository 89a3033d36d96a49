package dev.customllm.testcontainers;

import java.io.IOException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.ollama.OllamaContainer;

import dev.customllm.autoconfigure.CustomLlmAutoConfiguration;
import dev.customllm.embedding.EmbeddingModel;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OllamaContainerConnectionDetailsFactory} against a real Ollama with a
 * small embedding model. Skipped unless the image is present locally: no registry is
 * reachable in CI, where a missing engine is still an error ({@link DockerCondition});
 * {@link ServiceConnectionTests} covers the same wiring without it.
 */
@EnabledWithDocker(image = OllamaContainerServiceConnectionTests.IMAGE)
@Testcontainers
@SpringBootTest(classes = OllamaContainerServiceConnectionTests.TestConfiguration.class,
		properties = "custom.llm.embedding.model=" + OllamaContainerServiceConnectionTests.MODEL)
class OllamaContainerServiceConnectionTests {

	static final String MODEL = "all-minilm";

	static final String IMAGE = "ollama/ollama:0.12.6";

	@Container
	@ServiceConnection
	static final OllamaContainer ollama = new OllamaContainer(IMAGE);

	@Autowired
	private EmbeddingModel embeddingModel;

	@BeforeAll
	static void pullModel() throws IOException, InterruptedException {
		assertThat(ollama.execInContainer("ollama", "pull", MODEL).getExitCode()).isZero();
	}

	@Test
	void embedsThroughTheOpenAiEndpoint() {
		assertThat(this.embeddingModel.embed("Hello").dimensions()).isEqualTo(384);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ WebClientAutoConfiguration.class, CustomLlmAutoConfiguration.class })
	static class TestConfiguration {

	}

}
