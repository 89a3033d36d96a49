package dev.customllm.docs.snippets.readme;

import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;

import org.springframework.stereotype.Service;

@Service
class Summarizer {

	private final CompletionModel model;

	Summarizer(CompletionModel model) {
		this.model = model;
	}

	String summarize(String text) {
		return this.model
			.complete(CompletionRequest.builder()
				.system("Summarize the text in one sentence.")
				.prompt(text)
				.maxTokens(200)
				.build())
			.text();
	}

}
