package dev.customllm.conformance;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ConformanceSettings}.
 */
class ConformanceSettingsTests {

	@Test
	void readsAllOptions() {
		ConformanceSettings settings = ConformanceSettings.parse(new String[] { "--base-url=http://localhost:8000/v1/",
				"--api-key=sk-1", "--chat-model=qwen", "--embedding-model=bge", "--rerank-model=bge-reranker" },
				Map.of());
		assertThat(settings)
			.isEqualTo(new ConformanceSettings("http://localhost:8000/v1", "sk-1", "qwen", "bge", "bge-reranker"));
	}

	@Test
	void keyFallsBackToTheEnvironment() {
		ConformanceSettings settings = ConformanceSettings.parse(new String[] { "--base-url=http://h/v1" },
				Map.of("CUSTOM_API_KEY", "sk-env"));
		assertThat(settings.apiKey()).isEqualTo("sk-env");
		assertThat(settings.chatModel()).isNull();
	}

	@Test
	void argumentKeyWinsAndBlankMeansNone() {
		assertThat(ConformanceSettings
			.parse(new String[] { "--base-url=http://h/v1", "--api-key=" }, Map.of("CUSTOM_API_KEY", "sk-env"))
			.apiKey()).isNull();
	}

	@Test
	void baseUrlIsRequiredAndUnknownArgumentsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ConformanceSettings.parse(new String[0], Map.of()))
			.withMessageContaining("--base-url");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConformanceSettings.parse(new String[] { "--base-url=http://h", "verbose" }, Map.of()))
			.withMessageContaining("verbose");
	}

	@Test
	void toStringMasksTheKey() {
		assertThat(new ConformanceSettings("http://h", "sk-secret", null, null).toString()).doesNotContain("sk-secret")
			.contains("******");
	}

}
