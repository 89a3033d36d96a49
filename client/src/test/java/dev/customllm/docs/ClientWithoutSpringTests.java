package dev.customllm.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.CustomLlmClient;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example test without Spring of the README's "Testing your app" section.
 */
@ExtendWith(LlmSimulatorExtension.class)
class ClientWithoutSpringTests {

	@Test
	void completes(LlmSimulator llm) {
		llm.chat().answers("Hi!");
		try (CustomLlmClient client = CustomLlmClient.builder().baseUrl(llm.baseUrl()).build()) {
			assertThat(client.completionModel("any").complete("Hello")).isEqualTo("Hi!");
		}
	}

}
