package dev.customllm.test;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link SimulatedEmbeddings}.
 */
class SimulatedEmbeddingsTests {

	@Test
	void embedsDeterministicallyToUnitLength() {
		String text = "The quick brown fox jumps over the lazy dog";
		float[] vector = SimulatedEmbeddings.embed(text, 128);
		assertThat(vector).hasSize(128).containsExactly(SimulatedEmbeddings.embed(text, 128));
		assertThat(dot(vector, vector)).isCloseTo(1.0, within(1e-5));
	}

	@Test
	void scoresTextsSharingWordsHigher() {
		float[] query = SimulatedEmbeddings.embed("How do I reset my router password?", 256);
		float[] related = SimulatedEmbeddings.embed("Resetting the router password takes a minute", 256);
		float[] unrelated = SimulatedEmbeddings.embed("Bananas grow in tropical climates", 256);
		assertThat(dot(query, related)).isGreaterThan(dot(query, unrelated) + 0.2);
	}

	@Test
	void ignoresCaseAndPunctuation() {
		assertThat(SimulatedEmbeddings.embed("Router, PASSWORD!", 64))
			.containsExactly(SimulatedEmbeddings.embed("router password", 64));
	}

	@Test
	void embedsTextWithoutWordsToNonZeroVector() {
		float[] vector = SimulatedEmbeddings.embed("?! a", 16);
		assertThat(dot(vector, vector)).isCloseTo(1.0, within(1e-6));
	}

	@Test
	void rejectsNonPositiveDimensions() {
		assertThatIllegalArgumentException().isThrownBy(() -> SimulatedEmbeddings.embed("text", 0))
			.withMessageContaining("0");
	}

	private static double dot(float[] left, float[] right) {
		double sum = 0;
		for (int i = 0; i < left.length; i++) {
			sum += left[i] * right[i];
		}
		return sum;
	}

}
