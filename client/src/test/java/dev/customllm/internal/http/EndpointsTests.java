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

	@Test
	void rejectsCredentialsInTheBaseUrlWithoutShowingThem() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Endpoints.checkBaseUrl("http://admin:s3cr3t-pw@gateway:8000/v1"))
			.withMessageContaining("must not contain credentials")
			.withMessageContaining("http://******@gateway:8000/v1")
			.withMessageNotContaining("s3cr3t-pw")
			.withMessageNotContaining("admin");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Endpoints.checkBaseUrl("https://sk-only-a-key@gateway/v1"))
			.withMessageNotContaining("sk-only-a-key");
		assertThatIllegalArgumentException().isThrownBy(() -> Endpoints.checkBaseUrl("http://user:pw@bad host/v1"))
			.withMessageNotContaining("user:pw");
		assertThat(Endpoints.checkBaseUrl("http://gateway/v1/models@latest"))
			.isEqualTo("http://gateway/v1/models@latest");
	}

	@Test
	void rejectsANullBaseUrlByName() {
		assertThatIllegalArgumentException().isThrownBy(() -> Endpoints.checkBaseUrl(null))
			.withMessage("baseUrl must not be null");
	}

}
