package dev.customllm.test.context;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.customllm.test.LlmSimulator;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts an {@link LlmSimulator} for an application context, points the
 * {@code custom.llm.*} properties at it, registers it as a bean and stops it with the
 * context.
 */
final class LlmSimulatorContextCustomizer implements ContextCustomizer {

	static final String BEAN_NAME = "customLlmSimulator";

	private final String apiKey;

	LlmSimulatorContextCustomizer(String apiKey) {
		this.apiKey = apiKey;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		LlmSimulator simulator = LlmSimulator.start();
		Map<String, Object> properties = Map.of("custom.llm.base-url", simulator.baseUrl(), "custom.llm.api-key",
				this.apiKey, "custom.llm.simulator.enabled", "false");
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(BEAN_NAME, properties));
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(BEAN_NAME, simulator);
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			registry.registerDisposableBean(BEAN_NAME, simulator::close);
		}
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof LlmSimulatorContextCustomizer customizer) && this.apiKey.equals(customizer.apiKey);
	}

	@Override
	public int hashCode() {
		return this.apiKey.hashCode();
	}

}
