package dev.customllm.test.context;

import dev.customllm.test.LlmSimulator;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Resets the {@link LlmSimulator} of an {@link AutoConfigureLlmSimulator} test context
 * before and after each test method, so that stubs and recorded requests never leak from
 * one test to the next, even when the context is cached.
 */
class LlmSimulatorTestExecutionListener implements TestExecutionListener {

	@Override
	public void beforeTestMethod(TestContext testContext) {
		reset(testContext);
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		reset(testContext);
	}

	private static void reset(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		if (context.containsBean(LlmSimulatorContextCustomizer.BEAN_NAME)) {
			context.getBean(LlmSimulatorContextCustomizer.BEAN_NAME, LlmSimulator.class).reset();
		}
	}

}
