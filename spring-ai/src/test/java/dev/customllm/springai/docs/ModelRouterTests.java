package dev.customllm.springai.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.autoconfigure.CustomLlmAutoConfiguration;
import dev.customllm.springai.autoconfigure.CustomLlmSpringAiAutoConfiguration;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test of docs/spring-ai.md's named clients example, against the simulator.
 */
@ExtendWith(LlmSimulatorExtension.class)
class ModelRouterTests {

	@Test
	void eachQuestionGoesToTheModelOfItsNamedClient(LlmSimulator llm) {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(CustomLlmAutoConfiguration.class, CustomLlmSpringAiAutoConfiguration.class))
			.withPropertyValues("custom.llm.api-key=sk-test", "custom.llm.clients.fast.base-url=" + llm.baseUrl(),
					"custom.llm.clients.fast.completion.model=small",
					"custom.llm.clients.strong.base-url=" + llm.baseUrl(),
					"custom.llm.clients.strong.completion.model=large")
			.withBean(ModelRouter.class)
			.run((context) -> {
				llm.chat().answers("Paris.");
				ModelRouter router = context.getBean(ModelRouter.class);
				assertThat(router.answer("Capital of France?", false)).isEqualTo("Paris.");
				assertThat(router.answer("Capital of France, and why?", true)).isEqualTo("Paris.");
				assertThat(llm.chatRequests()).extracting((request) -> request.json().path("model").asString())
					.containsExactly("small", "large");
			});
	}

}
