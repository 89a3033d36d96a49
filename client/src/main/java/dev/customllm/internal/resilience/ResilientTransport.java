package dev.customllm.internal.resilience;

import java.io.IOException;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.PrematureCloseException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.LlmOperation;
import dev.customllm.LlmRequestException;
import dev.customllm.LlmRequestException.Kind;
import dev.customllm.LlmResponseException;
import dev.customllm.internal.http.Exchange;
import dev.customllm.internal.http.ForwardingTransport;
import dev.customllm.internal.http.HttpTransport;

/**
 * Decorates a transport with the client's {@link Resilience}: limits, retries and the
 * whole-call deadline around each posted call, limits and retries around the opening of
 * each stream. A {@code GET} stays a single attempt, for health checks that must be quick
 * and tell the truth.
 *
 * @author Custom LLM team
 */
public final class ResilientTransport extends ForwardingTransport implements Exchange.Decoration {

	private final Resilience resilience;

	/**
	 * Create a new instance.
	 * @param delegate the transport that makes each attempt
	 * @param resilience the limits, retries and deadline of the client
	 */
	public ResilientTransport(HttpTransport delegate, Resilience resilience) {
		super(delegate);
		this.resilience = resilience;
	}

	@Override
	public <T> Mono<T> exchange(Exchange<T> exchange) {
		Mono<T> attempt = delegate().exchange(exchange);
		return "GET".equals(exchange.method()) ? this.resilience.deadline(exchange.operation(), attempt)
				: exchange.decorate(attempt, this);
	}

	@Override
	public <T> Mono<T> answer(Exchange<T> exchange, Mono<T> answer) {
		return this.resilience.call(exchange.operation(), exchange.body(), answer);
	}

	/**
	 * {@inheritDoc} An attempt counts as opened once the first event arrived: a stream
	 * that fails before it (a connection reset right after the status) has given the
	 * caller nothing yet and is retried like a unary call. Nothing is retried after.
	 */
	@Override
	public <E> Mono<Flux<E>> stream(Exchange<Flux<E>> exchange, Mono<Flux<E>> opened) {
		LlmOperation operation = exchange.operation();
		return this.resilience.open(operation, exchange.body(),
				opened.flatMap((stream) -> firstEventArrived(operation, stream)));
	}

	private static <T> Mono<Flux<T>> firstEventArrived(LlmOperation operation, Flux<T> stream) {
		return stream.<Flux<T>>switchOnFirst((first, whole) -> first.isOnError()
				? Mono.error(beforeFirstEvent(operation,
						Objects.requireNonNull(first.getThrowable(), "an error signal has its failure")))
				: Mono.just(whole), false)
			.singleOrEmpty();
	}

	/**
	 * A connection closed or reset before the first event is a failed attempt like any
	 * other, to be retried; other failures keep their kind.
	 */
	private static Throwable beforeFirstEvent(LlmOperation operation, Throwable failure) {
		if (failure instanceof LlmResponseException && closedConnection(failure.getCause())) {
			return new LlmRequestException(operation, Kind.CONNECTION_CLOSED,
					"connection closed before the first event of the stream", failure.getCause());
		}
		return failure;
	}

	private static boolean closedConnection(@Nullable Throwable cause) {
		for (Throwable current = cause; current != null; current = current.getCause()) {
			if (current instanceof IOException || current instanceof PrematureCloseException) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

	@Override
	public void close() {
		this.resilience.close();
		delegate().close();
	}

}
