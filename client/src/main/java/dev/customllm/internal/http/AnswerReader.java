package dev.customllm.internal.http;

import java.net.URI;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.customllm.LlmApiException;
import dev.customllm.LlmException;
import dev.customllm.LlmOperation;

/**
 * What {@link HttpExchange} does with an answer once it has arrived, whichever sender
 * brought it: hold a unary body within the maximum response size, read a 2xx body as
 * JSON, turn any other status into the error model, read an event stream, and map
 * failures below the HTTP level. One instance per client; thread-safe.
 *
 * @author Custom LLM team
 */
final class AnswerReader {

	private final HttpSettings settings;

	private final JsonMapper jsonMapper;

	private final ErrorResponses errorResponses;

	private final RequestFailures requestFailures;

	AnswerReader(HttpSettings settings, JsonMapper jsonMapper) {
		this.settings = settings;
		this.jsonMapper = jsonMapper;
		this.errorResponses = new ErrorResponses(jsonMapper, new SecretRedactor(settings), Clock.systemUTC());
		this.requestFailures = new RequestFailures(settings.maxResponseSize());
	}

	/**
	 * Return a buffer for one unary body, bounded by the maximum response size.
	 * @param expectedSize the announced {@code Content-Length}, or a negative number when
	 * unknown
	 * @return the buffer
	 * @throws org.springframework.core.io.buffer.DataBufferLimitException if the
	 * announced size is larger than the maximum
	 */
	BodyBuffer buffer(long expectedSize) {
		return new BodyBuffer(this.settings.maxResponseSize(), expectedSize, this.settings.responseMemory());
	}

	/**
	 * Read a unary body into a bounded buffer, then make the answer of it; the buffer's
	 * memory goes back to the budget however the reading ends (done, failed, cancelled).
	 * @param <T> the answer type
	 * @param content the body as it arrives, each buffer read during its signal
	 * @param expectedSize the announced {@code Content-Length}, or a negative number
	 * @param answer makes the answer of the whole body, or throws the call's failure
	 * @return the answer
	 */
	<T> Mono<T> readBody(Flux<ByteBuf> content, long expectedSize, Function<BodyBuffer, T> answer) {
		return Mono.using(() -> buffer(expectedSize),
				(body) -> content.doOnNext(body::append).then(Mono.fromCallable(() -> answer.apply(body))),
				BodyBuffer::release);
	}

	/**
	 * Read a 2xx body with a parser as it arrives, never joined; what the parser holds
	 * goes back to the budget however the reading ends (done, failed, cancelled).
	 * @param <T> the answer type
	 * @param operation the operation, for errors
	 * @param content the body as it arrives, each buffer read during its signal
	 * @param expectedSize the announced {@code Content-Length}, or a negative number
	 * @param parsers makes the parser of the answer
	 * @return the answer
	 */
	<T> Mono<T> parseBody(LlmOperation operation, Flux<ByteBuf> content, long expectedSize,
			Supplier<? extends AnswerParser<T>> parsers) {
		return Mono.using(() -> parsing(operation, expectedSize, parsers),
				(body) -> content.doOnNext(body::feed).then(Mono.fromCallable(body::finish)), ParsingBody::release);
	}

	/**
	 * Return the parsers of an answer type that has no parser of its own: the mapper
	 * reads it from its tokens, copied as they arrive ({@link MappedAnswerParser}).
	 * @param <T> the answer type
	 * @param operation the operation, for errors
	 * @param answerType the type to read the answer as
	 * @return a new parser for each attempt
	 */
	<T> Supplier<AnswerParser<T>> mapped(LlmOperation operation, Class<T> answerType) {
		return () -> new MappedAnswerParser<>(operation, this.jsonMapper, answerType);
	}

	private <T> ParsingBody<T> parsing(LlmOperation operation, long expectedSize,
			Supplier<? extends AnswerParser<T>> parsers) {
		return new ParsingBody<>(operation, parsers.get(), this.errorResponses, this.settings.maxResponseSize(),
				expectedSize, this.settings.responseMemory());
	}

	/**
	 * Return the exception for a non-2xx answer.
	 * @param operation the operation, for errors
	 * @param status the HTTP status
	 * @param headers the value of a response header by its name
	 * @param body the whole body
	 * @return the exception
	 */
	LlmApiException failure(LlmOperation operation, int status, Function<String, @Nullable String> headers,
			BodyBuffer body) {
		return this.errorResponses.toException(operation, status, headers, body.toByteArray());
	}

	/**
	 * Read the body of a 2xx event stream ({@link EventStreamReader}).
	 * @param <T> the chunk type
	 * @param operation the operation, for errors
	 * @param uri the endpoint, for errors
	 * @param body the body as it arrives
	 * @param chunkType the type to read each payload as
	 * @return the payloads
	 */
	<T> Flux<T> events(LlmOperation operation, URI uri, Flux<ByteBuf> body, Class<T> chunkType) {
		EventStreamReader reader = new EventStreamReader(operation, this.jsonMapper, this.errorResponses,
				this.settings);
		return reader.read(body, chunkType).onErrorMap((failure) -> map(operation, uri, failure));
	}

	/**
	 * Map a failure below the HTTP status level to the error model
	 * ({@link RequestFailures}).
	 * @param operation the operation that failed
	 * @param uri the endpoint called
	 * @param failure the failure
	 * @return the exception for the caller
	 */
	LlmException map(LlmOperation operation, URI uri, Throwable failure) {
		return this.requestFailures.map(operation, uri, failure);
	}

}
