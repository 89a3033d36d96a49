package dev.customllm.internal.http;

import java.net.URI;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.LlmOperation;

/**
 * Base of the transport decorators (masking, logging, resilience): everything forwarded
 * to the transport it wraps, so that each decorator overrides only what it adds to.
 *
 * @author Custom LLM team
 */
public abstract class ForwardingTransport implements HttpTransport {

	private final HttpTransport delegate;

	/**
	 * Create a decorator of a transport.
	 * @param delegate the transport that makes the exchanges
	 */
	protected ForwardingTransport(HttpTransport delegate) {
		this.delegate = delegate;
	}

	/**
	 * Return the transport this one wraps.
	 * @return the wrapped transport
	 */
	protected final HttpTransport delegate() {
		return this.delegate;
	}

	@Override
	public HttpSettings settings() {
		return this.delegate.settings();
	}

	@Override
	public URI endpoint(String path) {
		return this.delegate.endpoint(path);
	}

	@Override
	public <T> Mono<T> post(LlmOperation operation, URI uri, byte[] body, Class<T> answerType) {
		return this.delegate.post(operation, uri, body, answerType);
	}

	@Override
	public <T> Mono<T> post(LlmOperation operation, URI uri, byte[] body, Supplier<? extends AnswerParser<T>> parsers) {
		return this.delegate.post(operation, uri, body, parsers);
	}

	@Override
	public <T> Mono<Flux<T>> stream(LlmOperation operation, URI uri, byte[] body, Class<T> chunkType) {
		return this.delegate.stream(operation, uri, body, chunkType);
	}

	@Override
	public <T> Mono<T> get(LlmOperation operation, URI uri, Class<T> answerType) {
		return this.delegate.get(operation, uri, answerType);
	}

	@Override
	public PoolMetrics poolMetrics() {
		return this.delegate.poolMetrics();
	}

	@Override
	public void close() {
		this.delegate.close();
	}

}
