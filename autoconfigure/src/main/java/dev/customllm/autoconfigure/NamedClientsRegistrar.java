package dev.customllm.autoconfigure;

import org.jspecify.annotations.Nullable;

import dev.customllm.CustomLlmClient;
import dev.customllm.completion.CompletionModel;
import dev.customllm.embedding.EmbeddingModel;
import dev.customllm.rerank.RerankModel;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.env.Environment;

/**
 * Registers, for each named client {@code <name>}, the beans
 * {@code <name>CustomLlmClient}, {@code <name>CompletionModel} and
 * {@code <name>EmbeddingModel}, and {@code <name>RerankModel} when the client has a
 * rerank model ({@code custom.llm.clients.<name>.rerank.model}, or the inherited
 * {@code custom.llm.rerank.model}), each qualified by {@code @Qualifier("<name>")}. Each
 * client has its own connection pool, retry budget and limits.
 *
 * @author Custom LLM team
 */
class NamedClientsRegistrar extends NamedClientsBeanRegistrar {

	@Override
	protected void register(String name, BeanDefinitionRegistry registry) {
		String clientBean = clientBeanName(name);
		RootBeanDefinition client = qualified(definition(CustomLlmClient.class, "client", name), name);
		client.setDestroyMethodName(AbstractBeanDefinition.INFER_METHOD);
		registry.registerBeanDefinition(clientBean, client);
		registerModel(registry, name + "CompletionModel", qualified(
				definition(CompletionModel.class, "completionModel", new RuntimeBeanReference(clientBean)), name));
		registerModel(registry, name + "EmbeddingModel", qualified(
				definition(EmbeddingModel.class, "embeddingModel", new RuntimeBeanReference(clientBean)), name));
		if (NamedClients.properties(environment(), name).getRerank().getModel() != null) {
			registerModel(registry, name + "RerankModel", qualified(
					definition(RerankModel.class, "rerankModel", new RuntimeBeanReference(clientBean)), name));
		}
	}

	/**
	 * Register a model bean unless the application already defines a bean of that name,
	 * as {@code @ConditionalOnMissingBean} would: application configuration is registered
	 * before auto-configuration.
	 */
	private static void registerModel(BeanDefinitionRegistry registry, String beanName, RootBeanDefinition definition) {
		if (!registry.containsBeanDefinition(beanName)) {
			registry.registerBeanDefinition(beanName, definition);
		}
	}

	static String clientBeanName(String name) {
		return name + "CustomLlmClient";
	}

	static CustomLlmClient client(String name, Environment environment, BeanFactory beanFactory) {
		CustomLlmClientProperties properties = NamedClients.properties(environment, name);
		return CustomLlmClientFactory.of(beanFactory)
			.create(NamedClients.prefix(name), properties,
					connectionDetails(name, properties, environment, beanFactory));
	}

	static CompletionModel completionModel(CustomLlmClient client) {
		return client.completionModel();
	}

	static EmbeddingModel embeddingModel(CustomLlmClient client) {
		return client.embeddingModel();
	}

	static RerankModel rerankModel(CustomLlmClient client) {
		return client.rerankModel();
	}

	private static CustomLlmConnectionDetails connectionDetails(String name, CustomLlmClientProperties properties,
			Environment environment, BeanFactory beanFactory) {
		CustomLlmConnectionDetails own = new PropertiesCustomLlmConnectionDetails(NamedClients.prefix(name), properties,
				environment);
		CustomLlmConnectionDetails shared = beanFactory.getBeanProvider(CustomLlmConnectionDetails.class).getIfUnique();
		if (shared == null || shared instanceof PropertiesCustomLlmConnectionDetails
				|| hasText(environment, NamedClients.prefix(name) + ".base-url")) {
			return own;
		}
		String apiKey = hasText(environment, NamedClients.prefix(name) + ".api-key") ? own.getApiKey()
				: shared.getApiKey();
		return new InheritedConnectionDetails(shared.getBaseUrl(), apiKey);
	}

	private static boolean hasText(Environment environment, String property) {
		String value = environment.getProperty(property);
		return value != null && !value.isBlank();
	}

	/**
	 * Connection details a named client inherits from the application's own
	 * {@link CustomLlmConnectionDetails} bean, such as a service connection.
	 */
	private record InheritedConnectionDetails(String getBaseUrl,
			@Nullable String getApiKey) implements CustomLlmConnectionDetails {

	}

}
