package dev.customllm.completion;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.BlockingCallException;

/**
 * A language model that completes prompts and conversations. Thread-safe.
 *
 * <p>
 * Every failure is an {@link dev.customllm.LlmException}; invalid input is an
 * {@link IllegalArgumentException} raised before any HTTP call.
 *
 * @author Custom LLM team
 * @since 0.1.0
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
	 * Complete a request, blocking until the answer arrives. Not on a non-blocking thread
	 * (a WebFlux handler, a Reactor operator): use {@link #completeAsync} there.
	 * @param request the request
	 * @return the answer
	 * @throws BlockingCallException if called on a non-blocking thread
	 */
	default CompletionResponse complete(CompletionRequest request) {
		BlockingCallException.check("CompletionModel.complete(..)", "CompletionModel.completeAsync(CompletionRequest)");
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
	 * Complete a request whose answer is a value of a Java type, blocking until it
	 * arrives. See {@link #completeAsync(CompletionRequest, Class)}.
	 * @param <T> the type of the answer
	 * @param request the request
	 * @param type the type of the answer, typically a record
	 * @return the answer
	 * @throws dev.customllm.LlmResponseException if the answer is not valid JSON, misses
	 * required fields or cannot be read as the type, after any repair rounds
	 * @throws BlockingCallException if called on a non-blocking thread
	 */
	default <T> T complete(CompletionRequest request, Class<T> type) {
		BlockingCallException.check("CompletionModel.complete(CompletionRequest, Class)",
				"CompletionModel.completeAsync(CompletionRequest, Class)");
		T answer = completeAsync(request, type).block();
		if (answer == null) {
			throw new IllegalStateException("completeAsync completed without an answer");
		}
		return answer;
	}

	/**
	 * Complete a request whose answer is a value of a Java type, without blocking. Unless
	 * the request has a {@link CompletionRequest#responseFormat() response format}, it
	 * asks for {@link ResponseFormat#of(Class) the type's JSON Schema}
	 * ({@code json_schema}, strict). The answer's text, inside a Markdown code fence or
	 * not, must be one JSON value that matches the schema (every required field present,
	 * of its type); it is then read as the type with the client's JSON mapper. Otherwise
	 * the call fails with a {@link dev.customllm.LlmResponseException} that carries the
	 * text, or, when the request has {@link CompletionRequest#repairAttempts() repair
	 * attempts}, the text and what was wrong are first sent back to the model that many
	 * times.
	 * @param <T> the type of the answer
	 * @param request the request (chat API)
	 * @param type the type of the answer, typically a record
	 * @return a {@link Mono} of the answer
	 */
	default <T> Mono<T> completeAsync(CompletionRequest request, Class<T> type) {
		return StructuredCompletion.complete(this, request, type);
	}

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
