package dev.customllm.springai.autoconfigure;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.customllm.completion.CompletionModel;
import dev.customllm.embedding.EmbeddingModel;
import dev.customllm.springai.CustomLlmChatModel;
import dev.customllm.springai.CustomLlmChatOptions;
import dev.customllm.springai.CustomLlmEmbeddingModel;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers, for each named client {@code <name>} ({@code custom.llm.clients.<name>.*})
 * and each route {@code <name>} ({@code custom.llm.routes.<name>.*}) whose
 * {@link CompletionModel} or {@link EmbeddingModel} is defined, a Spring AI
 * {@link ChatModel} {@code <name>SpringAiChatModel} and a Spring AI
 * {@link org.springframework.ai.embedding.EmbeddingModel}
 * {@code <name>SpringAiEmbeddingModel}, qualified by {@code @Qualifier("<name>")} as the
 * client's own beans are. They are no default candidates: a plain {@code ChatModel}
 * injection point, and the conditions of other auto-configurations, never see them. A
 * model the application qualifies with the client's name itself is kept instead.
 * <p>
 * Each bean is made by a static factory method of this registrar, with the values given
 * at registration first and the other parameters autowired, so that Spring AOT can turn
 * the definitions into code.
 *
 * @author Custom LLM team
 */
class NamedClientsSpringAiRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	private static final String CLIENTS = "custom.llm.clients";

	private static final String ROUTES = "custom.llm.routes";

	private @Nullable Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		if (this.environment == null || !(registry instanceof ConfigurableListableBeanFactory beanFactory)) {
			return;
		}
		for (String name : names(this.environment)) {
			qualifiedBean(beanFactory, CompletionModel.class, name)
				.filter((model) -> qualifiedBean(beanFactory, ChatModel.class, name).isEmpty())
				.ifPresent((model) -> registry.registerBeanDefinition(name + "SpringAiChatModel", qualified(
						definition(CustomLlmChatModel.class, "chatModel", new RuntimeBeanReference(model)), name)));
			qualifiedBean(beanFactory, EmbeddingModel.class, name)
				.filter((model) -> qualifiedBean(beanFactory, org.springframework.ai.embedding.EmbeddingModel.class,
						name)
					.isEmpty())
				.ifPresent((model) -> registry.registerBeanDefinition(name + "SpringAiEmbeddingModel",
						qualified(definition(CustomLlmEmbeddingModel.class, "embeddingModel", name,
								new RuntimeBeanReference(model)), name)));
		}
	}

	static CustomLlmChatModel chatModel(CompletionModel completionModel,
			ObjectProvider<ToolCallingManager> toolCallingManager) {
		return new CustomLlmChatModel(completionModel, CustomLlmChatOptions.builder().build(),
				toolCallingManager.getIfAvailable(() -> ToolCallingManager.builder().build()));
	}

	static CustomLlmEmbeddingModel embeddingModel(String name, EmbeddingModel embeddingModel, Environment environment) {
		Integer dimensions = environment.getProperty(CLIENTS + "." + name + ".embedding.dimensions", Integer.class);
		if (dimensions == null) {
			dimensions = environment.getProperty("custom.llm.embedding.dimensions", Integer.class);
		}
		return EmbeddingDimensions.known(new CustomLlmEmbeddingModel(embeddingModel, dimensions), CLIENTS + "." + name);
	}

	private static Iterable<String> names(Environment environment) {
		Set<String> names = new LinkedHashSet<>();
		for (String prefix : new String[] { CLIENTS, ROUTES }) {
			names.addAll(Binder.get(environment)
				.bind(prefix, Bindable.mapOf(String.class, Object.class))
				.map(Map::keySet)
				.orElse(Set.of()));
		}
		return names;
	}

	/**
	 * Return the name of a bean of a type qualified with a client's name (or named so),
	 * if any.
	 */
	private static Optional<String> qualifiedBean(ConfigurableListableBeanFactory beanFactory, Class<?> type,
			String name) {
		return Arrays.stream(beanFactory.getBeanNamesForType(type, true, false))
			.filter((bean) -> BeanFactoryAnnotationUtils.isQualifierMatch(name::equals, bean, beanFactory))
			.findFirst();
	}

	/**
	 * Create the definition of a bean made by a static factory method of this registrar.
	 */
	private RootBeanDefinition definition(Class<?> type, String factoryMethod, Object... arguments) {
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
	 * Qualify a definition with {@code @Qualifier("<name>")} and keep it from unqualified
	 * injection points.
	 */
	private static RootBeanDefinition qualified(RootBeanDefinition definition, String name) {
		definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
		definition.setDefaultCandidate(false);
		return definition;
	}

}
