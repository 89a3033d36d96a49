package dev.customllm.completion;

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

}
