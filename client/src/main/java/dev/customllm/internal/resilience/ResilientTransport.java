package dev.customllm.internal.resilience;

import java.net.URI;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.LlmOperation;
import dev.customllm.internal.http.HttpSettings;
import dev.customllm.internal.http.HttpTransport;
import dev.customllm.internal.http.PoolMetrics;

/**
 * Decorates a transport with the client's {@link Resilience}: limits, retries and the
 * whole-call deadline around each posted call, limits and retries around the opening of
 * each stream. {@link #get} stays a single attempt, for health checks that must be quick
 * and tell the truth.
 *
 * @author Custom LLM team
 */
public final class ResilientTransport implements HttpTransport {

	private final HttpTransport delegate;

	private final Resilience resilience;

	/**
	 * Create a new instance.
	 * @param delegate the transport that makes each attempt
	 * @param resilience the limits, retries and deadline of the client
	 */
	public ResilientTransport(HttpTransport delegate, Resilience resilience) {
		this.delegate = delegate;
		this.resilience = resilience;
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
		return this.resilience.call(operation, body, this.delegate.post(operation, uri, body, answerType));
	}

	@Override
	public <T> Mono<Flux<T>> stream(LlmOperation operation, URI uri, byte[] body, Class<T> chunkType) {
		return this.resilience.open(operation, body, this.delegate.stream(operation, uri, body, chunkType));
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
