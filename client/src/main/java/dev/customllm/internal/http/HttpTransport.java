package dev.customllm.internal.http;

import java.net.URI;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.LlmOperation;

/**
 * One HTTP exchange with an LLM service and nothing more: no retries, limits or meters,
 * which decorators and the models add. Every kind of exchange goes through
 * {@link #exchange(Exchange)}, the one method a decorator wraps; the others are
 * shorthands for it. Every failure is mapped to the error model
 * ({@link dev.customllm.LlmException}). Implementations are thread-safe.
 *
 * @author Custom LLM team
 */
public interface HttpTransport extends AutoCloseable {

	/**
	 * Return the connection settings.
	 * @return the settings
	 */
	HttpSettings settings();

	/**
	 * Return the URI of an endpoint of the service.
	 * @param path the endpoint path, for example {@code /chat/completions}
	 * @return the URI
	 */
	default URI endpoint(String path) {
		return Endpoints.resolve(settings().baseUrl(), path);
	}

	/**
	 * Make an exchange: send its request and read its answer. A whole answer is read as
	 * its bytes arrive; a stream completes the {@link Mono} once the service answered
	 * 2xx, with the payloads of its {@code data:} events until {@code data: [DONE]}, and
	 * cancelling it releases the connection. A status that is not 2xx fails the
	 * {@link Mono} before anything is parsed.
	 * @param <T> the answer type
	 * @param exchange the exchange
	 * @return the answer, read when subscribed, again on each subscription
	 */
	<T> Mono<T> exchange(Exchange<T> exchange);

	/**
	 * Post a JSON body and read the JSON answer as a type the mapper reads from its
	 * tokens ({@link Exchange#post(LlmOperation, URI, byte[], Class)}).
	 * @param <T> the answer type
	 * @param operation the operation, for errors
	 * @param uri the endpoint
	 * @param body the JSON request body
	 * @param answerType the type to read a 2xx answer as
	 * @return the answer, read when subscribed, again on each subscription
	 */
	default <T> Mono<T> post(LlmOperation operation, URI uri, byte[] body, Class<T> answerType) {
		return exchange(Exchange.post(operation, uri, body, answerType));
	}

	/**
	 * Post a JSON body and read the JSON answer with a parser as its bytes arrive
	 * ({@link Exchange#post(LlmOperation, URI, byte[], Supplier)}).
	 * @param <T> the answer type
	 * @param operation the operation, for errors
	 * @param uri the endpoint
	 * @param body the JSON request body
	 * @param parsers makes a new parser for each attempt
	 * @return the answer, read when subscribed, again on each subscription
	 */
	default <T> Mono<T> post(LlmOperation operation, URI uri, byte[] body,
			Supplier<? extends AnswerParser<T>> parsers) {
		return exchange(Exchange.post(operation, uri, body, parsers));
	}

	/**
	 * Post a JSON body that asks for a stream
	 * ({@link Exchange#stream(LlmOperation, URI, byte[], Class)}).
	 * @param <T> the chunk type
	 * @param operation the operation, for errors
	 * @param uri the endpoint
	 * @param body the JSON request body; it must ask for a stream
	 * @param chunkType the type to read each payload as
	 * @return the opened stream
	 */
	default <T> Mono<Flux<T>> stream(LlmOperation operation, URI uri, byte[] body, Class<T> chunkType) {
		return exchange(Exchange.stream(operation, uri, body, chunkType));
	}

	/**
	 * Get a JSON answer ({@link Exchange#get(LlmOperation, URI, Class)}).
	 * @param <T> the answer type
	 * @param operation the operation, for errors
	 * @param uri the endpoint
	 * @param answerType the type to read a 2xx answer as
	 * @return the answer
	 */
	default <T> Mono<T> get(LlmOperation operation, URI uri, Class<T> answerType) {
		return exchange(Exchange.get(operation, uri, answerType));
	}

	/**
	 * Return the live counts of the connection pool.
	 * @return the pool metrics
	 */
	PoolMetrics poolMetrics();

	/**
	 * Release the connections.
	 */
	@Override
	void close();

}
