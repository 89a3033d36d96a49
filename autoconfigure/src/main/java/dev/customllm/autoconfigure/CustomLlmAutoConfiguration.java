package dev.customllm.autoconfigure;

import dev.customllm.CustomLlmClient;
import dev.customllm.completion.CompletionModel;
import dev.customllm.embedding.EmbeddingModel;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of the {@link CustomLlmClient} and its default
 * {@link CompletionModel} and {@link EmbeddingModel}.
 *
 * @author Custom LLM team
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration")
@ConditionalOnClass(WebClient.class)
@ConditionalOnBooleanProperty(name = "custom.llm.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CustomLlmProperties.class)
public final class CustomLlmAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(CustomLlmConnectionDetails.class)
	PropertiesCustomLlmConnectionDetails customLlmConnectionDetails(CustomLlmProperties properties,
			Environment environment) {
		return new PropertiesCustomLlmConnectionDetails(properties, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	CustomLlmClient customLlmClient(CustomLlmProperties properties, CustomLlmConnectionDetails connectionDetails,
			ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<CustomLlmClientCustomizer> customizers) {
		try {
			CustomLlmClient.Builder builder = CustomLlmClient.builder()
				.webClientBuilder(webClientBuilder.getIfAvailable(WebClient::builder));
			new ClientBuilderConfigurer(properties, connectionDetails, sslBundles.getIfAvailable()).configure(builder);
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}
		catch (IllegalArgumentException ex) {
			throw CustomLlmConfigurationException.invalid(ex.getMessage());
		}
	}

	@Bean
	@ConditionalOnMissingBean
	CompletionModel completionModel(CustomLlmClient client) {
		return client.completionModel();
	}

	@Bean
	@ConditionalOnMissingBean
	EmbeddingModel embeddingModel(CustomLlmClient client) {
		return client.embeddingModel();
	}

}
