package dev.customllm.internal.http;

import java.net.URI;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.LlmOperation;
import dev.customllm.http.HttpAnswer;

/**
 * One exchange with an LLM service, as the transport and its decorators see it: the
 * request, and how its answer is read — whole by an {@link AnswerParser}, or as a stream
 * of server-sent events. Every kind of exchange is one of these, so that a decorator
 * wraps {@link HttpTransport#exchange} once, and a new kind is a new factory here.
 * Immutable.
 *
 * @param <T> the answer type: the parsed answer, or a {@link Flux} of events for a stream
 * @author Custom LLM team
 */
public final class Exchange<T> {

	private final LlmOperation operation;

	private final String method;

	private final URI uri;

	private final byte @Nullable [] body;

	private final @Nullable Supplier<? extends AnswerParser<T>> parsers;

	private final @Nullable Class<T> answerType;

	private final @Nullable Class<?> eventType;

	private Exchange(LlmOperation operation, String method, URI uri, byte @Nullable [] body,
			@Nullable Supplier<? extends AnswerParser<T>> parsers, @Nullable Class<T> answerType,
			@Nullable Class<?> eventType) {
		this.operation = operation;
		this.method = method;
		this.uri = uri;
		this.body = body;
		this.parsers = parsers;
		this.answerType = answerType;
		this.eventType = eventType;
	}

	/**
	 * Post a JSON body and read the answer with a parser as its bytes arrive.
	 * @param <T> the answer type
	 * @param operation the operation, for errors
	 * @param uri the endpoint
	 * @param body the JSON request body
	 * @param parsers makes a new parser for each attempt
	 * @return the exchange
	 */
	public static <T> Exchange<T> post(LlmOperation operation, URI uri, byte[] body,
			Supplier<? extends AnswerParser<T>> parsers) {
		return new Exchange<>(operation, "POST", uri, body, parsers, null, null);
	}

	/**
	 * Post a JSON body and read the answer as a type the JSON mapper reads from its
	 * tokens ({@link MappedAnswerParser}).
	 * @param <T> the answer type
	 * @param operation the operation, for errors
	 * @param uri the endpoint
	 * @param body the JSON request body
	 * @param answerType the type to read a 2xx answer as
	 * @return the exchange
	 */
	public static <T> Exchange<T> post(LlmOperation operation, URI uri, byte[] body, Class<T> answerType) {
		return new Exchange<>(operation, "POST", uri, body, null, answerType, null);
	}

	/**
	 * Get an answer the JSON mapper reads.
	 * @param <T> the answer type
	 * @param operation the operation, for errors
	 * @param uri the endpoint
	 * @param answerType the type to read a 2xx answer as
	 * @return the exchange
	 */
	public static <T> Exchange<T> get(LlmOperation operation, URI uri, Class<T> answerType) {
		return new Exchange<>(operation, "GET", uri, null, null, answerType, null);
	}

	/**
	 * Post a JSON body that asks for a stream: the answer is the stream of the payloads
	 * of its {@code data:} events, each read as an {@code eventType}, once the service
	 * answered 2xx.
	 * @param <E> the event type
	 * @param operation the operation, for errors
	 * @param uri the endpoint
	 * @param body the JSON request body; it must ask for a stream
	 * @param eventType the type to read each payload as
	 * @return the exchange
	 */
	public static <E> Exchange<Flux<E>> stream(LlmOperation operation, URI uri, byte[] body, Class<E> eventType) {
		return new Exchange<>(operation, "POST", uri, body, null, null, eventType);
	}

	/**
	 * Return the operation, for errors, logs and limits.
	 * @return the operation
	 */
	public LlmOperation operation() {
		return this.operation;
	}

	/**
	 * Return the HTTP method.
	 * @return {@code GET} or {@code POST}
	 */
	public String method() {
		return this.method;
	}

	/**
	 * Return the endpoint.
	 * @return the URI
	 */
	public URI uri() {
		return this.uri;
	}

	/**
	 * Return the JSON request body.
	 * @return the body, or {@code null} for a {@code GET}
	 */
	public byte @Nullable [] body() {
		return this.body;
	}

	/**
	 * Return whether the answer is a stream of events.
	 * @return whether it is a stream
	 */
	public boolean streamed() {
		return this.eventType != null;
	}

	/**
	 * Decorate the answer of this exchange by its shape: a whole answer and an opened
	 * stream are told apart, each with its own type.
	 * @param answer the answer of the wrapped transport
	 * @param decoration what the decorator adds
	 * @return the decorated answer
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public Mono<T> decorate(Mono<T> answer, Decoration decoration) {
		if (this.eventType == null) {
			return decoration.answer(this, answer);
		}
		// stream(..) made this an Exchange<Flux<E>>
		return (Mono<T>) decoration.stream((Exchange) this, (Mono) answer);
	}

	/**
	 * Read the answer of this exchange: the transport's one step that depends on the kind
	 * of exchange.
	 */
	@SuppressWarnings("unchecked")
	Mono<T> read(HttpExchange reader, HttpAnswer answer) {
		Supplier<? extends AnswerParser<T>> parsers = this.parsers;
		if (parsers != null) {
			return reader.parse(this.operation, answer, parsers);
		}
		Class<T> answerType = this.answerType;
		if (answerType != null) {
			return reader.parse(this.operation, answer, reader.mapped(this.operation, answerType));
		}
		// stream(..) made this an Exchange<Flux<E>>
		return (Mono<T>) reader.open(this.operation, this.uri, answer, Objects.requireNonNull(this.eventType));
	}

	@Override
	public String toString() {
		return "Exchange[" + this.operation + " " + this.method + " " + this.uri + (streamed() ? ", stream]" : "]");
	}

	/**
	 * What a transport decorator adds to an exchange, by the shape of its answer.
	 */
	public interface Decoration {

		/**
		 * Decorate a whole answer.
		 * @param <T> the answer type
		 * @param exchange the exchange
		 * @param answer the answer, read when subscribed
		 * @return the decorated answer
		 */
		<T> Mono<T> answer(Exchange<T> exchange, Mono<T> answer);

		/**
		 * Decorate a stream: its opening and its events.
		 * @param <E> the event type
		 * @param exchange the exchange
		 * @param opened completes with the events once the service answered 2xx
		 * @return the decorated stream
		 */
		<E> Mono<Flux<E>> stream(Exchange<Flux<E>> exchange, Mono<Flux<E>> opened);

	}

}
