package dev.customllm.test.context;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * {@link ContextCustomizerFactory} for tests annotated with
 * {@link AutoConfigureLlmSimulator @AutoConfigureLlmSimulator}.
 */
class LlmSimulatorContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		AutoConfigureLlmSimulator annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				AutoConfigureLlmSimulator.class);
		return (annotation != null) ? new LlmSimulatorContextCustomizer(annotation.apiKey()) : null;
	}

}
