package dev.customllm.autoconfigure;

import dev.customllm.CustomLlmClient;
import dev.customllm.health.CustomLlmHealthIndicator;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Registers a health indicator {@code custom-llm-<name>} for each named client, so that one
 * failing service never hides another.
 *
 * @author Custom LLM team
 */
class NamedClientsHealthRegistrar extends NamedClientsBeanRegistrar {

	@Override
	protected void register(String name, BeanDefinitionRegistry registry) {
		registry.registerBeanDefinition("custom-llm-" + name + "HealthIndicator",
				new RootBeanDefinition(CustomLlmHealthIndicator.class, () -> indicator(name)));
	}

	private CustomLlmHealthIndicator indicator(String name) {
		CustomLlmProperties.Health health = NamedClients.properties(environment(), name).getHealth();
		CustomLlmClient client = beanFactory().getBean(name + "CustomLlmClient", CustomLlmClient.class);
		return new CustomLlmHealthIndicator(client, health.getPath(), health.getCacheTime());
	}

}
