package dev.customllm.docs.snippets.readme;

import reactor.core.publisher.Mono;

import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.CompletionResponse;

import org.springframework.stereotype.Service;

@Service
class Summarizer {

	private final CompletionModel model;

	Summarizer(CompletionModel model) {
		this.model = model;
	}

	// blocking: Spring MVC controllers, scheduled and batch jobs
	String summarize(String text) {
		return this.model.complete(request(text)).text();
	}

	// reactive: WebFlux handlers and other Reactor pipelines
	Mono<String> summarizeAsync(String text) {
		return this.model.completeAsync(request(text)).map(CompletionResponse::text);
	}

	private static CompletionRequest request(String text) {
		return CompletionRequest.builder()
			.system("Summarize the text in one sentence.")
			.prompt(text)
			.maxTokens(200)
			.build();
	}

}
