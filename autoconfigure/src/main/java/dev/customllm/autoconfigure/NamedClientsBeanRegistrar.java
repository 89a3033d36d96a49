package dev.customllm.autoconfigure;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Base of the registrars that define beans for each named client
 * ({@code custom.llm.clients.<name>.*}). Each bean is made by a static factory method of
 * the registrar, with the values given at registration first and the other parameters
 * autowired, and has its type as target type: Spring AOT turns such definitions into
 * generated code (it cannot turn an instance supplier into code). As with every AOT
 * processed bean, the set of named clients is then fixed at build time; their properties
 * are still read when the application starts.
 *
 * @author Custom LLM team
 */
abstract class NamedClientsBeanRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	@SuppressWarnings("NullAway.Init") // set by Spring before registerBeanDefinitions
	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		for (String name : NamedClients.names(this.environment)) {
			register(name, registry);
		}
	}

	/**
	 * Return the environment the named clients are read from.
	 * @return the environment
	 */
	protected Environment environment() {
		return this.environment;
	}

	/**
	 * Register the beans of one named client.
	 * @param name the client's name
	 * @param registry the registry
	 */
	protected abstract void register(String name, BeanDefinitionRegistry registry);

	/**
	 * Create the definition of a bean made by a static factory method of this registrar.
	 * @param type the type of the bean
	 * @param factoryMethod the name of the static factory method
	 * @param arguments the first arguments of the factory method; the others are
	 * autowired
	 * @return the definition
	 */
	protected RootBeanDefinition definition(Class<?> type, String factoryMethod, Object... arguments) {
		RootBeanDefinition definition = new RootBeanDefinition(getClass());
		definition.setTargetType(type);
		definition.setFactoryMethodName(factoryMethod);
		definition.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
		for (int i = 0; i < arguments.length; i++) {
			definition.getConstructorArgumentValues().addIndexedArgumentValue(i, arguments[i]);
		}
		return definition;
	}

	/**
	 * Qualify a definition with {@code @Qualifier("<name>")}.
	 * @param definition the definition
	 * @param name the client's name
	 * @return the definition
	 */
	protected static RootBeanDefinition qualified(RootBeanDefinition definition, String name) {
		definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
		return definition;
	}

}
