package dev.customllm.autoconfigure;

import dev.customllm.CustomLlmClient;
import dev.customllm.health.CustomLlmHealthIndicator;
import dev.customllm.health.CustomLlmRoutesHealthIndicator;
import dev.customllm.routing.CompletionRouter;
import dev.customllm.routing.DeploymentStatus;
import dev.customllm.routing.EmbeddingRouter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the actuator health of LLM services: {@code custom-llm} for the
 * default client and {@code custom-llm-<name>} for each named client, members of the
 * {@code readiness} group (not of {@code liveness}) unless the application configures
 * that group. Switched off with {@code management.health.custom-llm.enabled=false}.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
@AutoConfiguration(after = CustomLlmAutoConfiguration.class)
@ConditionalOnClass(ReactiveHealthIndicator.class)
@ConditionalOnEnabledHealthIndicator("custom-llm")
@Import(NamedClientsHealthRegistrar.class)
public final class CustomLlmHealthContributorAutoConfiguration {

	@Bean("custom-llmHealthIndicator")
	@ConditionalOnSingleCandidate(CustomLlmClient.class)
	@ConditionalOnMissingBean(name = "custom-llmHealthIndicator")
	CustomLlmHealthIndicator customLlmHealthIndicator(CustomLlmClient client, CustomLlmProperties properties) {
		return new CustomLlmHealthIndicator(client, properties.getHealth().getPath(),
				properties.getHealth().getCacheTime(), properties.getRateLimit().isOutOfServiceWhileRejecting());
	}

	@Bean("custom-llm-routesHealthIndicator")
	@ConditionalOnBean(CompletionRouter.class)
	@ConditionalOnMissingBean(name = "custom-llm-routesHealthIndicator")
	CustomLlmRoutesHealthIndicator customLlmRoutesHealthIndicator(ObjectProvider<CompletionRouter> completionRouters,
			ObjectProvider<EmbeddingRouter> embeddingRouters) {
		Map<String, Supplier<List<DeploymentStatus>>> routes = new LinkedHashMap<>();
		completionRouters.orderedStream().forEach((router) -> routes.put(router.name(), router::deployments));
		embeddingRouters.orderedStream()
			.forEach((router) -> routes.putIfAbsent(router.name() + "-embeddings", router::deployments));
		return new CustomLlmRoutesHealthIndicator(routes);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HealthEndpointGroupsPostProcessor.class, AdditionalPathsMapper.class })
	@ConditionalOnBooleanProperty(name = "management.endpoint.health.probes.enabled", matchIfMissing = true)
	static class ReadinessGroupConfiguration {

		@Bean
		CustomLlmReadinessGroupPostProcessor customLlmReadinessGroupPostProcessor() {
			return new CustomLlmReadinessGroupPostProcessor();
		}

	}

}
