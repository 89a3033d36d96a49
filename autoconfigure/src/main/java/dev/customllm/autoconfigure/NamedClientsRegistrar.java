package dev.customllm.autoconfigure;

import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.customllm.CustomLlmClient;
import dev.customllm.completion.CompletionModel;
import dev.customllm.embedding.EmbeddingModel;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Registers, for each named client {@code <name>}, the beans {@code <name>CustomLlmClient},
 * {@code <name>CompletionModel} and {@code <name>EmbeddingModel}, each qualified by
 * {@code @Qualifier("<name>")}. Each client has its own connection pool, retry budget and
 * limits.
 *
 * @author Custom LLM team
 */
class NamedClientsRegistrar extends NamedClientsBeanRegistrar {

	@Override
	protected void register(String name, BeanDefinitionRegistry registry) {
		String clientBean = name + "CustomLlmClient";
		register(registry, clientBean, name, CustomLlmClient.class, () -> createClient(name));
		RootBeanDefinition client = (RootBeanDefinition) registry.getBeanDefinition(clientBean);
		client.setDestroyMethodName(AbstractBeanDefinition.INFER_METHOD);
		register(registry, name + "CompletionModel", name, CompletionModel.class,
				() -> client(clientBean, CustomLlmClient::completionModel));
		register(registry, name + "EmbeddingModel", name, EmbeddingModel.class,
				() -> client(clientBean, CustomLlmClient::embeddingModel));
	}

	private <T> void register(BeanDefinitionRegistry registry, String beanName, String qualifier, Class<T> type,
			Supplier<T> supplier) {
		RootBeanDefinition definition = new RootBeanDefinition(type, supplier);
		definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, qualifier));
		registry.registerBeanDefinition(beanName, definition);
	}

	private <T> T client(String clientBean, Function<CustomLlmClient, T> model) {
		return model.apply(beanFactory().getBean(clientBean, CustomLlmClient.class));
	}

	private CustomLlmClient createClient(String name) {
		CustomLlmProperties properties = NamedClients.properties(environment(), name);
		return CustomLlmClientFactory.of(beanFactory())
			.create(NamedClients.prefix(name), properties, connectionDetails(name, properties));
	}

	private CustomLlmConnectionDetails connectionDetails(String name, CustomLlmProperties properties) {
		CustomLlmConnectionDetails own = new PropertiesCustomLlmConnectionDetails(properties, environment());
		CustomLlmConnectionDetails shared = beanFactory().getBeanProvider(CustomLlmConnectionDetails.class)
			.getIfUnique();
		if (shared == null || shared instanceof PropertiesCustomLlmConnectionDetails
				|| hasText(NamedClients.prefix(name) + ".base-url")) {
			return own;
		}
		String apiKey = hasText(NamedClients.prefix(name) + ".api-key") ? own.getApiKey() : shared.getApiKey();
		return new InheritedConnectionDetails(shared.getBaseUrl(), apiKey);
	}

	private boolean hasText(String property) {
		String value = environment().getProperty(property);
		return value != null && !value.isBlank();
	}

	/**
	 * Connection details a named client inherits from the application's own
	 * {@link CustomLlmConnectionDetails} bean, such as a service connection.
	 */
	private record InheritedConnectionDetails(String getBaseUrl, @Nullable String getApiKey)
			implements CustomLlmConnectionDetails {

	}

}
