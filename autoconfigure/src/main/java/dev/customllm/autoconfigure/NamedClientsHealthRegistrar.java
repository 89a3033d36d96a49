package dev.customllm.autoconfigure;

import dev.customllm.CustomLlmClient;
import dev.customllm.health.CustomLlmHealthIndicator;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers a health indicator {@code custom-llm-<name>} for each named client, so that one
 * failing service never hides another.
 *
 * @author Custom LLM team
 */
class NamedClientsHealthRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

	private Environment environment;

	private BeanFactory beanFactory;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		for (String name : NamedClients.names(this.environment)) {
			registry.registerBeanDefinition("custom-llm-" + name + "HealthIndicator",
					new RootBeanDefinition(CustomLlmHealthIndicator.class, () -> indicator(name)));
		}
	}

	private CustomLlmHealthIndicator indicator(String name) {
		CustomLlmProperties.Health health = NamedClients.properties(this.environment, name).getHealth();
		CustomLlmClient client = this.beanFactory.getBean(name + "CustomLlmClient", CustomLlmClient.class);
		return new CustomLlmHealthIndicator(client, health.getPath(), health.getCacheTime());
	}

}
