package dev.customllm.http;

import java.nio.ByteBuffer;
import java.time.Duration;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;

import dev.customllm.ConnectionPool;
import dev.customllm.internal.http.PoolMetrics;

/**
 * An {@link HttpSender} on a Reactor Netty client of its own, the way an application
 * would write one on pooled memory: it keeps a reference of its own to each body buffer
 * and releases it once the client has read it. Its pool is counted, for tests of
 * connection reuse and release.
 *
 * @author Custom LLM team
 */
public final class NettyHttpSender implements HttpSender {

	private static final NettyHttpSender SHARED = new NettyHttpSender();

	private final PoolMetrics pool = new PoolMetrics();

	private final HttpClient httpClient;

	private NettyHttpSender() {
		this.httpClient = HttpClient.create(ConnectionProvider.builder("test-sender")
			.maxConnections(500)
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(Duration.ofSeconds(4))
			.metrics(true, () -> this.pool)
			.build());
	}

	/**
	 * Return the sender shared by the tests: its pool lives as long as the JVM.
	 * @return the sender
	 */
	public static NettyHttpSender shared() {
		return SHARED;
	}

	/**
	 * Return the live counts of the sender's connection pool.
	 * @return the counts
	 */
	public ConnectionPool pool() {
		return this.pool;
	}

	@Override
	public Mono<HttpAnswer> send(HttpCall call) {
		HttpClient.RequestSender request = this.httpClient.headers((headers) -> call.headers().forEach(headers::set))
			.request(HttpMethod.valueOf(call.method()))
			.uri(call.uri());
		byte[] body = call.body();
		HttpClient.ResponseReceiver<?> sent = (body != null) ? request.send(Mono.just(Unpooled.wrappedBuffer(body)))
				: request;
		return sent
			.responseConnection((response, connection) -> Mono
				.<HttpAnswer>just(new Answer(response, lend(connection.inbound().receive().retain()))))
			.next();
	}

	/**
	 * Lend each buffer of a body that holds a reference of its own: released once the
	 * client's {@code onNext} returned, or when the body is cancelled or discarded.
	 */
	private static Flux<ByteBuffer> lend(Flux<ByteBuf> retained) {
		return retained.concatMap((buffer) -> Flux.<ByteBuffer, ByteBuf>generate(() -> buffer, (lent, sink) -> {
			sink.next(lent.nioBuffer());
			sink.complete();
			return lent;
		}, ReferenceCountUtil::release), 0).doOnDiscard(ByteBuf.class, ReferenceCountUtil::release);
	}

	private record Answer(HttpClientResponse response, Flux<ByteBuffer> body) implements HttpAnswer {

		@Override
		public int status() {
			return this.response.status().code();
		}

		@Override
		public @Nullable String header(String name) {
			return this.response.responseHeaders().get(name);
		}

	}

}
