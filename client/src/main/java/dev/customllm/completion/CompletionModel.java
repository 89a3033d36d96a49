package dev.customllm.completion;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A language model that completes prompts and conversations. Thread-safe.
 *
 * <p>
 * Every failure is an {@link dev.customllm.LlmException}; invalid input is an
 * {@link IllegalArgumentException} raised before any HTTP call.
 *
 * @author Custom LLM team
 */
public interface CompletionModel {

	/**
	 * Complete a prompt with the model's defaults and return the answer's text.
	 * @param prompt the prompt
	 * @return the answer's text
	 */
	default String complete(String prompt) {
		return complete(CompletionRequest.of(prompt)).text();
	}

	/**
	 * Complete a request, blocking until the answer arrives.
	 * @param request the request
	 * @return the answer
	 */
	default CompletionResponse complete(CompletionRequest request) {
		CompletionResponse response = completeAsync(request).block();
		if (response == null) {
			throw new IllegalStateException("completeAsync completed without an answer");
		}
		return response;
	}

	/**
	 * Complete a request without blocking.
	 * @param request the request
	 * @return a {@link Mono} of the answer
	 */
	Mono<CompletionResponse> completeAsync(CompletionRequest request);

	/**
	 * Stream the answer to a request as the model produces it: chunks of text, then a
	 * {@link CompletionChunk#last() last} chunk with the finish reason, the token usage
	 * and any tool calls. Nothing is sent until the {@link Flux} is subscribed to;
	 * cancelling it ends the call and releases its connection. A stream that breaks off
	 * fails, after the chunks that arrived, with an {@link dev.customllm.LlmException}.
	 * <p>
	 * This default implementation, for models that cannot stream, completes the request
	 * and returns the whole answer as one chunk of text and the last chunk.
	 * @param request the request
	 * @return a {@link Flux} of the answer's chunks
	 */
	default Flux<CompletionChunk> stream(CompletionRequest request) {
		return completeAsync(request).flatMapIterable(CompletionChunk::of);
	}

}
