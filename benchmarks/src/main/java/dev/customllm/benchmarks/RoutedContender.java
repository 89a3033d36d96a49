package dev.customllm.benchmarks;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.CompletionResponse;
import dev.customllm.routing.CompletionRouter;

/**
 * The library behind a {@link CompletionRouter} of one healthy deployment, built through
 * the public API as a user would: what routing costs a call when nothing fails.
 *
 * @author Custom LLM team
 */
final class RoutedContender implements Contender {

	private final LibraryContender library;

	private final CompletionModel routed;

	RoutedContender(ContenderSettings settings) {
		this.library = new LibraryContender(settings);
		this.routed = CompletionRouter.builder()
			.name("bench")
			.deployment("only", this.library.completionModel())
			.build();
	}

	@Override
	public String name() {
		return "routed";
	}

	@Override
	public Mono<String> chat(String prompt) {
		return this.routed.completeAsync(CompletionRequest.of(prompt)).map(CompletionResponse::text);
	}

	@Override
	public Flux<String> stream(String prompt) {
		return this.routed.stream(CompletionRequest.of(prompt)).map(CompletionChunk::text);
	}

	@Override
	public Mono<? extends List<?>> embedAll(List<String> texts) {
		return this.library.embedAll(texts);
	}

	@Override
	public void close() {
		this.library.close();
	}

}
