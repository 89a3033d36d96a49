package dev.customllm.internal.http;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;

import dev.customllm.http.HttpAnswer;
import dev.customllm.http.HttpCall;
import dev.customllm.http.HttpSender;

/**
 * The client's own {@link HttpSender}, on Reactor Netty's {@link HttpClient} with a
 * dedicated connection pool: the connections, their connect timeout, TLS and pool
 * metrics, and the response timeout as a read timeout of the connection (the idle timeout
 * of a stream when it is longer). Its answers hand the network buffers over as they are
 * ({@link NettyAnswer#content()}), released by Reactor Netty once each has been read, so
 * that {@link HttpExchange} reads them without a copy. One instance per client;
 * thread-safe.
 *
 * @author Custom LLM team
 */
final class NettySender implements HttpSender, AutoCloseable {

	private final HttpSettings settings;

	private final ConnectionProvider pool;

	private final PoolMetrics poolMetrics = new PoolMetrics();

	private final HttpClient httpClient;

	private final String[] defaultNames;

	private final String[] defaultValues;

	/**
	 * Create a sender with its own connection pool.
	 * @param settings the connection settings
	 * @param customizer adjusts the Reactor Netty client after the settings are applied;
	 * headers it sets replace the client's own in every call
	 */
	public NettySender(HttpSettings settings, UnaryOperator<HttpClient> customizer) {
		this.settings = settings;
		HttpHeaders defaults = HttpClientFactory.defaultHeaders(settings);
		this.defaultNames = defaults.names().toArray(String[]::new);
		this.defaultValues = Arrays.stream(this.defaultNames).map(defaults::get).toArray(String[]::new);
		this.pool = HttpClientFactory.pool(settings, this.poolMetrics);
		this.httpClient = HttpClientFactory.create(settings, this.pool, customizer);
	}

	/**
	 * Return the live counts of the connection pool.
	 * @return the pool metrics
	 */
	public PoolMetrics poolMetrics() {
		return this.poolMetrics;
	}

	/**
	 * {@inheritDoc} The body is read as it arrives, each buffer released by Reactor Netty
	 * once its {@code onNext} returned.
	 */
	@Override
	public Mono<HttpAnswer> send(HttpCall call) {
		return request(call)
			.responseConnection((response, connection) -> Mono
				.<HttpAnswer>just(new NettyAnswer(response, connection.inbound().receive())))
			.next();
	}

	/**
	 * Send a call and read its answer within the exchange, so that the connection goes
	 * back to the pool, or is closed, as soon as the reading ends, however it ends: for
	 * whole answers.
	 * @param <T> the answer type
	 * @param call the call
	 * @param exchange the exchange, which reads the answer
	 * @param reader reads it for the exchange
	 * @return the answer
	 */
	<T> Mono<T> exchange(HttpCall call, Exchange<T> exchange, HttpExchange reader, @Nullable IntConsumer status) {
		return request(call).response((response, content) -> {
			if (status != null) {
				status.accept(response.status().code());
			}
			return exchange.read(reader, new NettyAnswer(response, content));
		}).next();
	}

	private HttpClient.ResponseReceiver<?> request(HttpCall call) {
		return this.httpClient.request(HttpMethod.valueOf(call.method())).uri(call.uri()).send((request, outbound) -> {
			headers(call.headers(), request);
			if (call.stream()) {
				streamReadTimeout(request);
			}
			byte[] body = call.body();
			return (body != null) ? outbound.send(Mono.just(Unpooled.wrappedBuffer(body))) : outbound;
		});
	}

	/**
	 * Make the request's headers those of the call. The client's own headers are set on
	 * every request before the customizer runs (which may replace them, with
	 * {@code headers} or {@code headersWhen}); only where the call differs from them is a
	 * header set or removed here: an {@code Accept} of a stream, no {@code Content-Type}
	 * for a {@code GET}, the headers of tracing.
	 */
	private void headers(Map<String, String> headers, HttpClientRequest request) {
		int shared = 0;
		for (int i = 0; i < this.defaultNames.length; i++) {
			String name = this.defaultNames[i];
			String value = headers.get(name);
			if (value == null) {
				request.requestHeaders().remove(name);
			}
			else {
				shared++;
				if (!value.equals(this.defaultValues[i])) {
					request.header(name, value);
				}
			}
		}
		if (shared < headers.size()) {
			headers.forEach((name, value) -> {
				if (!isDefault(name)) {
					request.header(name, value);
				}
			});
		}
	}

	private boolean isDefault(String name) {
		for (String defaultName : this.defaultNames) {
			if (defaultName.equals(name)) {
				return true;
			}
		}
		return false;
	}

	private void streamReadTimeout(HttpClientRequest request) {
		// the network-level read timeout must not cut a stream before its own idle
		// timeout
		Duration idle = this.settings.streamIdleTimeout();
		if (idle.compareTo(this.settings.responseTimeout()) > 0) {
			request.responseTimeout(idle);
		}
	}

	/**
	 * Close the connection pool.
	 */
	@Override
	public void close() {
		this.pool.dispose();
	}

	/**
	 * An answer of Reactor Netty: its body as the network buffers themselves, for
	 * {@link HttpExchange}, or as views of them for anyone else; either way each buffer
	 * is released by Reactor Netty once read.
	 */
	static final class NettyAnswer implements HttpAnswer {

		private final HttpClientResponse response;

		private final Flux<ByteBuf> content;

		NettyAnswer(HttpClientResponse response, Flux<ByteBuf> content) {
			this.response = response;
			this.content = content;
		}

		@Override
		public int status() {
			return this.response.status().code();
		}

		@Override
		public @Nullable String header(String name) {
			return this.response.responseHeaders().get(name);
		}

		@Override
		public Flux<ByteBuffer> body() {
			return this.content.map(ByteBuf::nioBuffer);
		}

		/**
		 * Return the body as Reactor Netty's buffers, each released once its
		 * {@code onNext} returned.
		 * @return the body
		 */
		Flux<ByteBuf> content() {
			return this.content;
		}

	}

}
