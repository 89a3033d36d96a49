package dev.customllm.internal.http;

import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpStatusClass;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.context.ContextView;
import tools.jackson.databind.json.JsonMapper;

import dev.customllm.LlmApiException;
import dev.customllm.LlmOperation;

/**
 * The default {@link HttpTransport}, directly on Reactor Netty's {@link HttpClient} with
 * a dedicated connection pool: an answer read as a record is copied once from the network
 * buffers and parsed from that copy; one read with an {@link AnswerParser} is parsed from
 * the network buffers as they arrive. One instance per client; thread-safe.
 *
 * @author Custom LLM team
 */
public final class NettyTransport implements HttpTransport {

	private final HttpSettings settings;

	private final ConnectionProvider pool;

	private final PoolMetrics poolMetrics = new PoolMetrics();

	private final HttpClient httpClient;

	private final AnswerReader answers;

	private final RequestHook requestHook;

	/**
	 * Create a transport with its own connection pool.
	 * @param settings the connection settings
	 * @param customizer adjusts the Reactor Netty client after the settings are applied
	 * @param jsonMapper the mapper for answers
	 * @param requestHook adds headers to each attempt
	 */
	public NettyTransport(HttpSettings settings, UnaryOperator<HttpClient> customizer, JsonMapper jsonMapper,
			RequestHook requestHook) {
		this.settings = settings;
		this.requestHook = requestHook;
		this.pool = HttpClientFactory.pool(settings, this.poolMetrics);
		this.httpClient = HttpClientFactory.create(settings, this.pool, customizer);
		this.answers = new AnswerReader(settings, jsonMapper);
	}

	@Override
	public HttpSettings settings() {
		return this.settings;
	}

	@Override
	public PoolMetrics poolMetrics() {
		return this.poolMetrics;
	}

	@Override
	public <T> Mono<T> get(LlmOperation operation, URI uri, Class<T> answerType) {
		return Mono
			.defer(() -> this.httpClient.headers((headers) -> headers.remove(HttpHeaderNames.CONTENT_TYPE))
				.get()
				.uri(uri)
				.response((response, content) -> parse(operation, response, content,
						this.answers.mapped(operation, answerType)))
				.next())
			.onErrorMap((failure) -> this.answers.map(operation, uri, failure));
	}

	@Override
	public <T> Mono<T> post(LlmOperation operation, URI uri, byte[] body, Class<T> answerType) {
		return post(operation, uri, body, this.answers.mapped(operation, answerType));
	}

	@Override
	public <T> Mono<T> post(LlmOperation operation, URI uri, byte[] body, Supplier<? extends AnswerParser<T>> parsers) {
		return Mono.deferContextual((context) -> this.httpClient.post().uri(uri).send((request, outbound) -> {
			propagate(context, request);
			return outbound.send(Mono.just(Unpooled.wrappedBuffer(body)));
		}).response((response, content) -> parse(operation, response, content, parsers)).next())
			.onErrorMap((failure) -> this.answers.map(operation, uri, failure));
	}

	private void propagate(ContextView context, HttpClientRequest request) {
		this.requestHook.addHeaders(context, request::header);
	}

	private <T> Mono<T> parse(LlmOperation operation, HttpClientResponse response, ByteBufFlux content,
			Supplier<? extends AnswerParser<T>> parsers) {
		if (!isSuccess(response)) {
			return this.answers.readBody(content, contentLength(response), false, (body) -> {
				throw failure(operation, response, body);
			});
		}
		return this.answers.parseBody(operation, content, contentLength(response), false, parsers);
	}

	private static boolean isSuccess(HttpClientResponse response) {
		return response.status().codeClass() == HttpStatusClass.SUCCESS;
	}

	private static long contentLength(HttpClientResponse response) {
		Integer announced = response.responseHeaders().getInt(HttpHeaderNames.CONTENT_LENGTH);
		return (announced != null) ? announced : -1;
	}

	private LlmApiException failure(LlmOperation operation, HttpClientResponse response, BodyBuffer body) {
		return this.answers.failure(operation, response.status().code(), response.responseHeaders()::get, body);
	}

	/**
	 * {@inheritDoc} The subscriber's demand reaches the connection.
	 * {@link EventStreamReader} tells how a stream fails.
	 */
	@Override
	public <T> Mono<Flux<T>> stream(LlmOperation operation, URI uri, byte[] body, Class<T> chunkType) {
		return openStream(operation, uri, body)
			.map((events) -> this.answers.events(operation, uri, events, chunkType, false));
	}

	/**
	 * Open a stream: send the request and wait for the answer's status. A 2xx answer
	 * gives its body, to be read as it arrives; any other fails as {@link #post} does,
	 * before anything is read. Retries belong around this step, never after the body
	 * started.
	 */
	private Mono<Flux<ByteBuf>> openStream(LlmOperation operation, URI uri, byte[] body) {
		return Mono.deferContextual((context) -> this.httpClient.post().uri(uri).send((request, outbound) -> {
			propagate(context, request);
			request.header(HttpHeaderNames.ACCEPT, HttpClientFactory.STREAM_ACCEPT);
			streamReadTimeout(request);
			return outbound.send(Mono.just(Unpooled.wrappedBuffer(body)));
		}).responseConnection((response, connection) -> {
			if (isSuccess(response)) {
				return Mono.<Flux<ByteBuf>>just(connection.inbound().receive());
			}
			return this.answers.<Flux<ByteBuf>>readBody(connection.inbound().receive(), contentLength(response), false,
					(error) -> {
						throw failure(operation, response, error);
					});
		}).next()).onErrorMap((failure) -> this.answers.map(operation, uri, failure));
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

}
