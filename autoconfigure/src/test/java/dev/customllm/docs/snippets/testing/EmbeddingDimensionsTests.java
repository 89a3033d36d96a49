package dev.customllm.docs.snippets.testing;

import org.junit.jupiter.api.Test;

import dev.customllm.embedding.EmbeddingModel;
import dev.customllm.test.context.AutoConfigureLlmSimulator;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedding dimensions example of docs/testing.md: the simulator follows the
 * dimensions the client requests.
 */
@SpringBootTest(properties = { "custom.llm.embedding.dimensions=1536", "custom.llm.embedding.request-dimensions=true" })
@AutoConfigureLlmSimulator
class EmbeddingDimensionsTests {

	@Autowired
	EmbeddingModel embeddings;

	@Test
	void simulatorAnswersWithTheRequestedDimensions() {
		assertThat(this.embeddings.embed("Black holes bend light").dimensions()).isEqualTo(1536);
	}

}
