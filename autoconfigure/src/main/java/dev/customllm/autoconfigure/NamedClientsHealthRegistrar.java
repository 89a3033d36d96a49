package dev.customllm.autoconfigure;

import dev.customllm.CustomLlmClient;
import dev.customllm.health.CustomLlmHealthIndicator;

import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.core.env.Environment;

/**
 * Registers a health indicator {@code custom-llm-<name>} for each named client, so that
 * one failing service never hides another.
 *
 * @author Custom LLM team
 */
class NamedClientsHealthRegistrar extends NamedClientsBeanRegistrar {

	@Override
	protected void register(String name, BeanDefinitionRegistry registry) {
		registry.registerBeanDefinition("custom-llm-" + name + "HealthIndicator",
				definition(CustomLlmHealthIndicator.class, "indicator", name,
						new RuntimeBeanReference(NamedClientsRegistrar.clientBeanName(name))));
	}

	static CustomLlmHealthIndicator indicator(String name, CustomLlmClient client, Environment environment) {
		CustomLlmClientProperties properties = NamedClients.properties(environment, name);
		CustomLlmClientProperties.Health health = properties.getHealth();
		return new CustomLlmHealthIndicator(client, health.getPath(), health.getCacheTime(),
				properties.getRateLimit().isOutOfServiceWhileRejecting());
	}

}
