package dev.customllm.autoconfigure;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Base of the registrars that define beans for each named client
 * ({@code custom.llm.clients.<name>.*}).
 *
 * @author Custom LLM team
 */
abstract class NamedClientsBeanRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

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
			register(name, registry);
		}
	}

	/**
	 * Register the beans of one named client.
	 * @param name the client's name
	 * @param registry the registry
	 */
	protected abstract void register(String name, BeanDefinitionRegistry registry);

	protected Environment environment() {
		return this.environment;
	}

	protected BeanFactory beanFactory() {
		return this.beanFactory;
	}

}
