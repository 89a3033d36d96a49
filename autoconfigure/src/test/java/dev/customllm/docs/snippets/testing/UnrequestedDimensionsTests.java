package dev.customllm.docs.snippets.testing;

import org.junit.jupiter.api.Test;

import dev.customllm.LlmResponseException;
import dev.customllm.embedding.EmbeddingModel;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.context.AutoConfigureLlmSimulator;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What docs/testing.md says of custom.llm.embedding.dimensions alone: the simulator
 * answers its default 256 dimensions, which the client's length check refuses, unless
 * vectors of the expected length are stubbed.
 */
@SpringBootTest(properties = "custom.llm.embedding.dimensions=1536")
@AutoConfigureLlmSimulator
class UnrequestedDimensionsTests {

	@Autowired
	EmbeddingModel embeddings;

	@Autowired
	LlmSimulator llm;

	@Test
	void simulatedVectorsOfTheDefaultLengthFailTheCheck() {
		assertThatExceptionOfType(LlmResponseException.class)
			.isThrownBy(() -> this.embeddings.embed("Black holes bend light"))
			.withMessageContaining("embedding 0 has 256 dimensions, expected 1536");
		assertThat(this.llm.embeddingRequests()).singleElement()
			.satisfies((request) -> assertThat(request.json().has("dimensions")).isFalse());
	}

	@Test
	void stubbedVectorsOfTheExpectedLengthPass() {
		float[] vector = new float[1536];
		vector[0] = 1;
		this.llm.embeddings().answers(vector);
		assertThat(this.embeddings.embed("Black holes bend light").dimensions()).isEqualTo(1536);
	}

}
