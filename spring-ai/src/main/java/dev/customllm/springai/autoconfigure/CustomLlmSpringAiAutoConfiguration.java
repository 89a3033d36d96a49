package dev.customllm.springai.autoconfigure;

import dev.customllm.autoconfigure.CustomLlmAutoConfiguration;
import dev.customllm.completion.CompletionModel;
import dev.customllm.embedding.EmbeddingModel;
import dev.customllm.springai.CustomLlmChatModel;
import dev.customllm.springai.CustomLlmChatOptions;
import dev.customllm.springai.CustomLlmEmbeddingModel;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of a Spring AI {@link ChatModel} on the {@link CompletionModel} bean
 * and a Spring AI {@link org.springframework.ai.embedding.EmbeddingModel} on the
 * {@link EmbeddingModel} bean, and of qualified ones for each named client.
 * <p>
 * The default ones back off when the application, or another Spring AI starter, defines a
 * model of that kind, and follow Spring AI's own choice of provider: they are defined
 * when {@code spring.ai.model.chat} (or {@code spring.ai.model.embedding}) is unset or
 * {@value #PROVIDER}. This configuration runs after Spring AI's OpenAI models, so that
 * with both starters the OpenAI model is the default unless {@code custom-llm} is chosen.
 * A {@link ToolCallingManager} bean, such as Spring AI's tool auto-configuration defines,
 * resolves the tool definitions.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
@AutoConfiguration(after = CustomLlmAutoConfiguration.class,
		afterName = { "org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration",
				"org.springframework.ai.model.openai.autoconfigure.OpenAiChatAutoConfiguration",
				"org.springframework.ai.model.openai.autoconfigure.OpenAiEmbeddingAutoConfiguration" })
@ConditionalOnClass(ChatModel.class)
@ConditionalOnBooleanProperty(name = "custom.llm.spring-ai.enabled", matchIfMissing = true)
@Import(NamedClientsSpringAiRegistrar.class)
public final class CustomLlmSpringAiAutoConfiguration {

	/**
	 * The value of {@code spring.ai.model.chat} and {@code spring.ai.model.embedding}
	 * that chooses these models.
	 */
	public static final String PROVIDER = "custom-llm";

	@Bean
	@ConditionalOnMissingBean(ChatModel.class)
	@ConditionalOnSingleCandidate(CompletionModel.class)
	@ConditionalOnProperty(name = "spring.ai.model.chat", havingValue = PROVIDER, matchIfMissing = true)
	CustomLlmChatModel customLlmChatModel(CompletionModel completionModel,
			ObjectProvider<ToolCallingManager> toolCallingManager) {
		return new CustomLlmChatModel(completionModel, CustomLlmChatOptions.builder().build(),
				toolCallingManager.getIfAvailable(() -> ToolCallingManager.builder().build()));
	}

	@Bean
	@ConditionalOnMissingBean(org.springframework.ai.embedding.EmbeddingModel.class)
	@ConditionalOnSingleCandidate(EmbeddingModel.class)
	@ConditionalOnProperty(name = "spring.ai.model.embedding", havingValue = PROVIDER, matchIfMissing = true)
	CustomLlmEmbeddingModel customLlmEmbeddingModel(EmbeddingModel embeddingModel, Environment environment) {
		return EmbeddingDimensions.known(new CustomLlmEmbeddingModel(embeddingModel,
				environment.getProperty("custom.llm.embedding.dimensions", Integer.class)), "custom.llm");
	}

}
