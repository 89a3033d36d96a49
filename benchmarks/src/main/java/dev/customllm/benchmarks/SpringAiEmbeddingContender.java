package dev.customllm.benchmarks;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.springai.CustomLlmEmbeddingModel;

/**
 * Spring AI's {@code EmbeddingModel} over the library ({@link CustomLlmEmbeddingModel}):
 * what a Spring AI vector store calls, {@code embed(List<String>)}, which returns
 * {@code float[]}s. Embeddings only.
 *
 * @author Custom LLM team
 */
final class SpringAiEmbeddingContender implements Contender {

	private final LibraryContender library;

	private final CustomLlmEmbeddingModel embeddingModel;

	SpringAiEmbeddingContender(ContenderSettings settings) {
		this.library = new LibraryContender("spring-ai-embedding-model", settings);
		this.embeddingModel = new CustomLlmEmbeddingModel(this.library.embeddingModel(), settings.dimensions());
	}

	@Override
	public String name() {
		return "spring-ai-embedding-model";
	}

	@Override
	public Mono<String> chat(String prompt) {
		return Mono.error(new UnsupportedOperationException("embeddings only"));
	}

	@Override
	public Flux<String> stream(String prompt) {
		return Flux.error(new UnsupportedOperationException("embeddings only"));
	}

	@Override
	public Mono<? extends List<?>> embedAll(List<String> texts) {
		return Mono.fromCallable(() -> this.embeddingModel.embed(texts));
	}

	@Override
	public void close() {
		this.library.close();
	}

}
