package dev.customllm.springai.autoconfigure;

import dev.customllm.autoconfigure.CustomLlmAutoConfiguration;
import dev.customllm.completion.CompletionModel;
import dev.customllm.embedding.EmbeddingModel;
import dev.customllm.springai.CustomLlmChatModel;
import dev.customllm.springai.CustomLlmEmbeddingModel;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of a Spring AI {@link ChatModel} on the {@link CompletionModel} bean
 * and a Spring AI {@link org.springframework.ai.embedding.EmbeddingModel} on the
 * {@link EmbeddingModel} bean, unless the application defines Spring AI models of its
 * own. A {@link ToolCallingManager} bean, such as Spring AI's tool auto-configuration
 * defines, resolves the tool definitions.
 *
 * @author Custom LLM team
 */
@AutoConfiguration(after = CustomLlmAutoConfiguration.class,
		afterName = "org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration")
@ConditionalOnClass(ChatModel.class)
@ConditionalOnBooleanProperty(name = "custom.llm.spring-ai.enabled", matchIfMissing = true)
public final class CustomLlmSpringAiAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ChatModel.class)
	@ConditionalOnSingleCandidate(CompletionModel.class)
	CustomLlmChatModel customLlmChatModel(CompletionModel completionModel,
			ObjectProvider<ToolCallingManager> toolCallingManager) {
		return new CustomLlmChatModel(completionModel, ToolCallingChatOptions.builder().build(),
				toolCallingManager.getIfAvailable(() -> ToolCallingManager.builder().build()));
	}

	@Bean
	@ConditionalOnMissingBean(org.springframework.ai.embedding.EmbeddingModel.class)
	@ConditionalOnSingleCandidate(EmbeddingModel.class)
	CustomLlmEmbeddingModel customLlmEmbeddingModel(EmbeddingModel embeddingModel, Environment environment) {
		return new CustomLlmEmbeddingModel(embeddingModel,
				environment.getProperty("custom.llm.embedding.dimensions", Integer.class));
	}

}
