package dev.customllm.docs.snippets.streaming;

import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;

/**
 * The code of docs/streaming.md.
 */
class StreamingSnippets {

	void printStory(CompletionModel completionModel) {
		completionModel.stream(CompletionRequest.of("Tell me a story"))
			.map(CompletionChunk::text)
			.subscribe(System.out::print);
	}

}
