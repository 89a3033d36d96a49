package dev.customllm.internal.resilience;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TokenEstimate}.
 */
class TokenEstimateTests {

	@Test
	void chatCountsMessageCharactersOverFourPlusMaxTokens() {
		String body = "{\"model\":\"a-model-with-a-long-name\",\"max_tokens\":100,"
				+ "\"messages\":[{\"role\":\"system\",\"content\":\"12345678\"},{\"role\":\"user\",\"content\":\"1234\"}]}";
		// "system" + 8 + "user" + 4 = 22 characters -> 6 tokens
		assertThat(TokenEstimate.of(bytes(body))).isEqualTo(6 + 100);
	}

	@Test
	void embeddingsCountEveryInputOfTheBatch() {
		assertThat(TokenEstimate.of(bytes("{\"model\":\"e\",\"input\":[\"12345678\",\"1234\"]}"))).isEqualTo(3);
	}

	@Test
	void textCompletionCountsPromptAndMaxCompletionTokens() {
		assertThat(TokenEstimate.of(bytes("{\"prompt\":\"1234\",\"max_completion_tokens\":7}"))).isEqualTo(8);
	}

	@Test
	void unreadableBodyCountsItsBytes() {
		assertThat(TokenEstimate.of(bytes("not json at all"))).isEqualTo(4);
	}

	@Test
	void toolsCountTheirStringsWhateverTheNestingAndOtherFieldsAreSkipped() {
		String body = "{\"extra\":{\"ignored\":[\"aaaaaaaaaaaaaaaa\"]},\"tools\":[{\"type\":\"function\","
				+ "\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\",\"required\":[\"x\"]}}}],"
				+ "\"prompt\":\"é€\",\"max_tokens\":2}";
		// "function" + "f" + "object" + "x" + 2 = 18 characters -> 5 tokens
		assertThat(TokenEstimate.of(bytes(body))).isEqualTo(5 + 2);
	}

	@Test
	void imagesCountAFixedNumberOfTokensWhateverTheirUrl() {
		String image = "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64," + "A".repeat(100_000)
				+ "\"}}";
		String body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"1234\"}," + image
				+ "]}]}";
		// "user" + "text" + "1234" + "image_url" = 21 characters, and one image
		assertThat(TokenEstimate.of(bytes(body))).isEqualTo((21 + 4 * TokenEstimate.IMAGE_TOKENS + 3) / 4);
	}

	@Test
	void rerankCountsTheQueryAndTheDocuments() {
		assertThat(TokenEstimate
			.of(bytes("{\"model\":\"r\",\"query\":\"1234\",\"documents\":[\"12345678\",\"1234\"]," + "\"top_n\":2}")))
			.isEqualTo(4);
	}

	@Test
	void bodyThatIsNotAnObjectOrIsCutCountsItsBytes() {
		assertThat(TokenEstimate.of(bytes("[\"12345678\"]"))).isEqualTo(3);
		assertThat(TokenEstimate.of(bytes("{\"prompt\":\"1234\",\"messages\":[{\"content\":\"ab"))).isEqualTo(11);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
