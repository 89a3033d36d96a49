package dev.customllm.internal.http;

import java.net.URI;

import reactor.core.publisher.Mono;

/**
 * Base of the transport decorators (masking, logging, resilience): everything forwarded
 * to the transport it wraps, so that each decorator overrides only
 * {@link #exchange(Exchange)}.
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
	public <T> Mono<T> exchange(Exchange<T> exchange) {
		return this.delegate.exchange(exchange);
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
