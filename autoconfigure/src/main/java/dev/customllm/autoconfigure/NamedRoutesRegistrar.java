package dev.customllm.autoconfigure;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

import dev.customllm.routing.CompletionRouter;
import dev.customllm.routing.EmbeddingRouter;

/**
 * Registers, for each route {@code <route>} ({@code custom.llm.routes.<route>.*}), the
 * beans {@code <route>CompletionModel} (a {@link CompletionRouter}) and, unless
 * {@code embeddings=false}, {@code <route>EmbeddingModel} (an {@link EmbeddingRouter}),
 * each qualified by {@code @Qualifier("<route>")}. A route with {@code primary=true}
 * takes the place of the default client's {@code CompletionModel} as the primary one. The
 * routers use the application's {@code MeterRegistry} and {@code CooldownStore}, if any.
 *
 * @author Custom LLM team
 */
class NamedRoutesRegistrar extends NamedClientsBeanRegistrar {

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		for (String route : NamedRoutes.names(environment())) {
			register(route, registry);
		}
	}

	@Override
	protected void register(String route, BeanDefinitionRegistry registry) {
		CustomLlmRouteProperties properties = NamedRoutes.properties(environment(), route);
		RootBeanDefinition completion = qualified(definition(CompletionRouter.class, "completionRouter", route), route);
		completion.setDestroyMethodName(AbstractBeanDefinition.INFER_METHOD);
		if (properties.isPrimary()) {
			completion.setPrimary(true);
			if (registry.containsBeanDefinition("completionModel")) {
				registry.getBeanDefinition("completionModel").setPrimary(false);
			}
		}
		registerUnlessDefined(registry, route + "CompletionModel", completion);
		if (properties.isEmbeddings()) {
			RootBeanDefinition embedding = qualified(definition(EmbeddingRouter.class, "embeddingRouter", route),
					route);
			embedding.setDestroyMethodName(AbstractBeanDefinition.INFER_METHOD);
			registerUnlessDefined(registry, route + "EmbeddingModel", embedding);
		}
	}

	private static void registerUnlessDefined(BeanDefinitionRegistry registry, String beanName,
			RootBeanDefinition definition) {
		if (!registry.containsBeanDefinition(beanName)) {
			registry.registerBeanDefinition(beanName, definition);
		}
	}

	static CompletionRouter completionRouter(String route, Environment environment, BeanFactory beanFactory) {
		return NamedRoutes.completionRouter(route, environment, beanFactory);
	}

	static EmbeddingRouter embeddingRouter(String route, Environment environment, BeanFactory beanFactory) {
		return NamedRoutes.embeddingRouter(route, environment, beanFactory);
	}

}
