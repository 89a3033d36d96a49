package dev.customllm.docs.snippets.streaming;

import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.CompletionResponse;

/**
 * The code of docs/streaming.md.
 */
class StreamingSnippets {

	void printThinking(CompletionModel completionModel) {
		CompletionResponse answer = completionModel.complete(CompletionRequest.of("Is 17 prime?"));
		String thinking = answer.reasoning();
		completionModel.stream(CompletionRequest.of("Is 17 prime?"))
			.filter((chunk) -> chunk.reasoning() != null)
			.map(CompletionChunk::reasoning)
			.subscribe(System.out::print);
	}

	void printStory(CompletionModel completionModel) {
		completionModel.stream(CompletionRequest.of("Tell me a story"))
			.map(CompletionChunk::text)
			.subscribe(System.out::print);
	}

}
