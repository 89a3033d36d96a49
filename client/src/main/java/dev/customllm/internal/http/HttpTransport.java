package dev.customllm.internal.http;

import java.net.URI;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.LlmOperation;

/**
 * One HTTP exchange with an LLM service and nothing more: no retries, limits or meters,
 * which decorators and the models add. Every failure is mapped to the error model
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
	 * Post a JSON body and read the JSON answer as its bytes arrive, the mapper reading
	 * the answer type from its tokens; answers with a parser of their own use
	 * {@link #post(LlmOperation, URI, byte[], Supplier)}.
	 * @param <T> the answer type
	 * @param operation the operation, for errors
	 * @param uri the endpoint
	 * @param body the JSON request body
	 * @param answerType the type to read a 2xx answer as
	 * @return the answer, read when subscribed, again on each subscription
	 */
	<T> Mono<T> post(LlmOperation operation, URI uri, byte[] body, Class<T> answerType);

	/**
	 * Post a JSON body and read the JSON answer with a parser as its bytes arrive,
	 * without joining them: for embeddings and chat answers. A body that is not 2xx fails
	 * as with {@link #post(LlmOperation, URI, byte[], Class)}.
	 * @param <T> the answer type
	 * @param operation the operation, for errors
	 * @param uri the endpoint
	 * @param body the JSON request body
	 * @param parsers makes a new parser for each attempt
	 * @return the answer, read when subscribed, again on each subscription
	 */
	<T> Mono<T> post(LlmOperation operation, URI uri, byte[] body, Supplier<? extends AnswerParser<T>> parsers);

	/**
	 * Post a JSON body that asks for a stream. The {@link Mono} completes once the
	 * service answered 2xx, with the stream of the payloads of its {@code data:} events,
	 * each read as a {@code chunkType}, until {@code data: [DONE]}; any other status
	 * fails the {@link Mono} before anything is read. Cancelling the stream releases the
	 * connection.
	 * @param <T> the chunk type
	 * @param operation the operation, for errors
	 * @param uri the endpoint
	 * @param body the JSON request body; it must ask for a stream
	 * @param chunkType the type to read each payload as
	 * @return the opened stream
	 */
	<T> Mono<Flux<T>> stream(LlmOperation operation, URI uri, byte[] body, Class<T> chunkType);

	/**
	 * Get a JSON answer.
	 * @param <T> the answer type
	 * @param operation the operation, for errors
	 * @param uri the endpoint
	 * @param answerType the type to read a 2xx answer as
	 * @return the answer
	 */
	<T> Mono<T> get(LlmOperation operation, URI uri, Class<T> answerType);

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
