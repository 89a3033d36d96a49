package dev.customllm.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CustomLlmConfigurationFailureAnalyzer}.
 */
class CustomLlmConfigurationFailureAnalyzerTests {

	private final CustomLlmConfigurationFailureAnalyzer analyzer = new CustomLlmConfigurationFailureAnalyzer();

	@Test
	void missingKeyNamesThePropertyAndTheVariable() {
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("customLlmClient", "failed",
				CustomLlmConfigurationException.missingApiKey("custom.llm", "http://vllm:8000/v1")));
		assertThat(analysis.getDescription())
			.isEqualTo("No API key is configured for the LLM service at http://vllm:8000/v1.");
		assertThat(analysis.getAction()).contains("'custom.llm.api-key'", "CUSTOM_API_KEY",
				"'custom.llm.api-key-required=false'");
	}

	@Test
	void missingKeyOfANamedClientNamesItsPropertyPath() {
		FailureAnalysis analysis = this.analyzer.analyze(
				CustomLlmConfigurationException.missingApiKey("custom.llm.clients.chat", "https://api.openai.com/v1"));
		assertThat(analysis.getDescription()).contains("(client 'chat')");
		assertThat(analysis.getAction()).contains("'custom.llm.clients.chat.api-key'", "'custom.llm.api-key'",
				"'custom.llm.clients.chat.api-key-required=false'");
	}

	@Test
	void missingBaseUrlNamesThePropertyTheVariableAndOfflineMode() {
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("customLlmClient", "failed",
				CustomLlmConfigurationException.missingBaseUrl("custom.llm")));
		assertThat(analysis.getDescription())
			.isEqualTo("No base URL is configured for the LLM service. There is no default service.");
		assertThat(analysis.getAction()).contains("'custom.llm.base-url'", "CUSTOM_BASE_URL",
				"'custom.llm.simulator.enabled=true'");
	}

	@Test
	void missingBaseUrlOfANamedClientNamesItsPropertyPath() {
		FailureAnalysis analysis = this.analyzer
			.analyze(CustomLlmConfigurationException.missingBaseUrl("custom.llm.clients.chat"));
		assertThat(analysis.getDescription()).contains("of client 'chat'");
		assertThat(analysis.getAction()).contains("'custom.llm.clients.chat.base-url'", "'custom.llm.base-url'",
				"CUSTOM_BASE_URL");
	}

	@Test
	void invalidValueNamesTheProblem() {
		FailureAnalysis analysis = this.analyzer.analyze(
				CustomLlmConfigurationException.invalid("custom.llm", "maxConnections must be at least 1, but was 0"));
		assertThat(analysis.getDescription()).contains("maxConnections must be at least 1, but was 0");
		assertThat(analysis.getAction()).contains("custom.llm.");
	}

}
