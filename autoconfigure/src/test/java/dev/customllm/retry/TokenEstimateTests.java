package dev.customllm.retry;

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

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
