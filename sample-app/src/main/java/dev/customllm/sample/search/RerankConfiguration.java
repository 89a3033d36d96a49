package dev.customllm.sample.search;

import dev.customllm.CustomLlmClient;
import dev.customllm.rerank.RerankModel;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reranker of the search, on the {@code embeddings} named client, which serves the
 * model named by {@code custom.llm.clients.embeddings.rerank.model}.
 *
 * @author Custom LLM team
 */
@Configuration(proxyBeanMethods = false)
class RerankConfiguration {

	@Bean
	@Qualifier("embeddings")
	RerankModel embeddingsRerankModel(@Qualifier("embeddings") CustomLlmClient embeddingsClient) {
		return embeddingsClient.rerankModel();
	}

}
