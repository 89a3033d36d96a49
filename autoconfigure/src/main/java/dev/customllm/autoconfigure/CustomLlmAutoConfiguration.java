package dev.customllm.autoconfigure;

import reactor.netty.http.client.HttpClient;

import dev.customllm.CustomLlmClient;
import dev.customllm.agent.AgentBuilderFactory;
import dev.customllm.completion.CompletionModel;
import dev.customllm.embedding.EmbeddingModel;
import dev.customllm.rerank.RerankModel;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the default {@link CustomLlmClient} ({@code custom.llm.*}) with
 * its {@link CompletionModel} and {@link EmbeddingModel} (and {@link RerankModel} when
 * {@code custom.llm.rerank.model} is set), and of the named clients
 * ({@code custom.llm.clients.<name>.*}).
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(HttpClient.class)
@ConditionalOnBooleanProperty(name = "custom.llm.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CustomLlmProperties.class)
@Import({ NamedClientsRegistrar.class, NamedRoutesRegistrar.class })
@ImportRuntimeHints(NamedClientsRuntimeHints.class)
public final class CustomLlmAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(CustomLlmConnectionDetails.class)
	@Conditional(DefaultClientCondition.class)
	PropertiesCustomLlmConnectionDetails customLlmConnectionDetails(CustomLlmProperties properties,
			Environment environment) {
		return new PropertiesCustomLlmConnectionDetails(CustomLlmProperties.PREFIX, properties, environment);
	}

	@Bean
	@Primary
	@ConditionalOnMissingBean
	@Conditional(DefaultClientCondition.class)
	CustomLlmClient customLlmClient(CustomLlmProperties properties, CustomLlmConnectionDetails connectionDetails,
			BeanFactory beanFactory) {
		return CustomLlmClientFactory.of(beanFactory).create(CustomLlmProperties.PREFIX, properties, connectionDetails);
	}

	@Bean
	@Primary
	@ConditionalOnMissingBean
	@Conditional(DefaultClientCondition.class)
	CompletionModel completionModel(CustomLlmClient client) {
		return client.completionModel();
	}

	@Bean
	@Primary
	@ConditionalOnMissingBean
	@Conditional(DefaultClientCondition.class)
	EmbeddingModel embeddingModel(CustomLlmClient client) {
		return client.embeddingModel();
	}

	@Bean
	@Primary
	@ConditionalOnMissingBean
	@ConditionalOnProperty(prefix = CustomLlmProperties.PREFIX + ".rerank", name = "model")
	@Conditional(DefaultClientCondition.class)
	RerankModel rerankModel(CustomLlmClient client) {
		return client.rerankModel();
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(DefaultClientCondition.class)
	AgentBuilderFactory agentBuilderFactory(CompletionModel completionModel) {
		return new AgentBuilderFactory(completionModel);
	}

}
