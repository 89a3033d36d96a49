package dev.customllm.docs.snippets.testing;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.ollama.OllamaContainer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

/**
 * The {@code @ServiceConnection} example of docs/testing.md. It has no test method, so it
 * never starts a container; {@code OllamaContainerServiceConnectionTests} runs the same
 * wiring.
 */
@SpringBootTest
@Testcontainers(disabledWithoutDocker = true)
class EmbeddingIntegrationTests {

	@Container
	@ServiceConnection
	static OllamaContainer ollama = new OllamaContainer("ollama/ollama:0.12.6");

	// custom.llm.embedding.model=all-minilm, pulled in @BeforeAll:
	// ollama.execInContainer("ollama", "pull", "all-minilm");

}
