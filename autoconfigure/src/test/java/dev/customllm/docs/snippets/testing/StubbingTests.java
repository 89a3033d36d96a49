package dev.customllm.docs.snippets.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.CustomLlmClient;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stubbing example of docs/testing.md: a narrowed, counted stub answers first, then
 * the standing one.
 */
@ExtendWith(LlmSimulatorExtension.class)
class StubbingTests {

	@Test
	void countedStubIsUsedUpBeforeTheStandingOne(LlmSimulator llm) {
		llm.chat().whenRequestContains("weather").once().callsTool("get_weather", "{\"city\":\"Paris\"}");
		llm.chat().answers("It is sunny in Paris.");
		try (CustomLlmClient client = CustomLlmClient.builder().baseUrl(llm.baseUrl()).build()) {
			CompletionModel model = client.completionModel("any");
			assertThat(model.complete(CompletionRequest.of("What is the weather in Paris?")).toolCalls())
				.singleElement()
				.satisfies((call) -> assertThat(call.name()).isEqualTo("get_weather"));
			assertThat(model.complete("What is the weather in Paris?")).isEqualTo("It is sunny in Paris.");
		}
	}

}
