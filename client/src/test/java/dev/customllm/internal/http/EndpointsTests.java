package dev.customllm.internal.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Endpoints}.
 */
class EndpointsTests {

	@Test
	void joinsWithExactlyOneSlashWithOrWithoutATrailingSlash() {
		assertThat(Endpoints.resolve("http://localhost:8000/v1", "/chat/completions"))
			.hasToString("http://localhost:8000/v1/chat/completions");
		assertThat(Endpoints.resolve("http://localhost:8000/v1/", "/chat/completions"))
			.hasToString("http://localhost:8000/v1/chat/completions");
		assertThat(Endpoints.resolve("http://localhost:8000/v1//", "chat/completions"))
			.hasToString("http://localhost:8000/v1/chat/completions");
		assertThat(Endpoints.resolve("http://localhost:11434", "/v1/embeddings"))
			.hasToString("http://localhost:11434/v1/embeddings");
	}

	@Test
	void neverDoublesTheVersionSegment() {
		assertThat(Endpoints.resolve("http://localhost:8000/v1", "/v1/chat/completions"))
			.hasToString("http://localhost:8000/v1/chat/completions");
		assertThat(Endpoints.resolve("https://gateway.example/openai/v1/", "v1/models"))
			.hasToString("https://gateway.example/openai/v1/models");
	}

	@Test
	void checksTheBaseUrl() {
		assertThat(Endpoints.checkBaseUrl(" http://localhost:8000/v1/ ")).isEqualTo("http://localhost:8000/v1");
		assertThatIllegalArgumentException().isThrownBy(() -> Endpoints.checkBaseUrl("localhost:8000"))
			.withMessageContaining("absolute http or https URL");
		assertThatIllegalArgumentException().isThrownBy(() -> Endpoints.checkBaseUrl("ftp://host/v1"))
			.withMessageContaining("'ftp://host/v1'");
		assertThatIllegalArgumentException().isThrownBy(() -> Endpoints.checkBaseUrl("http://bad host/v1"))
			.withMessageContaining("not a valid URL");
	}

}
