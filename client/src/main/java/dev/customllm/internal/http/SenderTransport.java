package dev.customllm.internal.http;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;
import tools.jackson.databind.json.JsonMapper;

import dev.customllm.LlmApiException;
import dev.customllm.LlmOperation;
import dev.customllm.http.HttpAnswer;
import dev.customllm.http.HttpCall;
import dev.customllm.http.HttpSender;

import org.springframework.core.io.buffer.DataBufferLimitException;

/**
 * An {@link HttpTransport} on an application's {@link HttpSender}, such as Spring's
 * {@code WebClient} with the application's filters. The sender makes the exchange; the
 * rest is done as {@link NettyTransport} does it: the headers of every request, the
 * response timeout (to the answer, then between the buffers of a unary body), the body
 * bounded by the maximum response size, the error model and event streams. Each buffer
 * the sender hands over is released once, as soon as it is read.
 * <p>
 * The sender's connections are its own: {@link #poolMetrics()} counts none, and
 * {@link #close()} leaves the sender open. One instance per client; thread-safe.
 *
 * @author Custom LLM team
 */
public final class SenderTransport implements HttpTransport {

	private final HttpSettings settings;

	private final HttpSender sender;

	private final AnswerReader answers;

	private final RequestHook requestHook;

	private final PoolMetrics poolMetrics = new PoolMetrics();

	private final Shape get;

	private final Shape post;

	private final Shape stream;

	private final Mono<Long> bodyTimeout;

	/**
	 * Create a transport.
	 * @param settings the connection settings; those of connections (connect timeout,
	 * pool, SSL) are left to the sender
	 * @param sender sends each request
	 * @param jsonMapper the mapper for answers
	 * @param requestHook adds headers to each attempt
	 */
	public SenderTransport(HttpSettings settings, HttpSender sender, JsonMapper jsonMapper, RequestHook requestHook) {
		this.settings = settings;
		this.sender = sender;
		this.answers = new AnswerReader(settings, jsonMapper);
		this.requestHook = requestHook;
		HttpHeaders headers = HttpClientFactory.defaultHeaders(settings);
		this.bodyTimeout = Timeouts.after(settings.responseTimeout());
		this.post = new Shape("POST", headers, false, this.bodyTimeout);
		this.get = new Shape("GET", headers.copy().remove(HttpHeaderNames.CONTENT_TYPE), false, this.bodyTimeout);
		// as NettyTransport: the time to a stream's answer never cuts it before its idle
		// timeout
		Duration idle = settings.streamIdleTimeout();
		Mono<Long> streamTimeout = (idle.compareTo(settings.responseTimeout()) > 0) ? Timeouts.after(idle)
				: this.bodyTimeout;
		this.stream = new Shape("POST", headers.copy().set(HttpHeaderNames.ACCEPT, HttpClientFactory.STREAM_ACCEPT),
				true, streamTimeout);
	}

	@Override
	public HttpSettings settings() {
		return this.settings;
	}

	/**
	 * Return no counts: the connections are the sender's, unknown to the client.
	 * @return pool metrics that are always zero
	 */
	@Override
	public PoolMetrics poolMetrics() {
		return this.poolMetrics;
	}

	@Override
	public <T> Mono<T> get(LlmOperation operation, URI uri, Class<T> answerType) {
		return send(this.get, uri, null)
			.flatMap((answer) -> parse(operation, answer, this.answers.mapped(operation, answerType)))
			.onErrorMap((failure) -> this.answers.map(operation, uri, failure));
	}

	@Override
	public <T> Mono<T> post(LlmOperation operation, URI uri, byte[] body, Class<T> answerType) {
		return post(operation, uri, body, this.answers.mapped(operation, answerType));
	}

	@Override
	public <T> Mono<T> post(LlmOperation operation, URI uri, byte[] body, Supplier<? extends AnswerParser<T>> parsers) {
		return send(this.post, uri, body).flatMap((answer) -> parse(operation, answer, parsers))
			.onErrorMap((failure) -> this.answers.map(operation, uri, failure));
	}

	/**
	 * {@inheritDoc} The subscriber's demand reaches the sender. {@link EventStreamReader}
	 * tells how a stream fails.
	 */
	@Override
	public <T> Mono<Flux<T>> stream(LlmOperation operation, URI uri, byte[] body, Class<T> chunkType) {
		return send(this.stream, uri, body).flatMap((answer) -> open(operation, answer))
			.onErrorMap((failure) -> this.answers.map(operation, uri, failure))
			.map((events) -> this.answers.events(operation, uri, events, chunkType, true));
	}

	private Mono<HttpAnswer> send(Shape shape, URI uri, byte @Nullable [] body) {
		return Mono.deferContextual((context) -> this.sender.send(shape.call(uri, body, traced(shape, context))))
			.timeout(shape.timeout());
	}

	private Map<String, String> traced(Shape shape, ContextView context) {
		Map<String, String> added = new HashMap<>();
		this.requestHook.addHeaders(context, added::put);
		if (added.isEmpty()) {
			return shape.headers();
		}
		Map<String, String> headers = new HashMap<>(shape.headers());
		headers.putAll(added);
		return headers;
	}

	private <T> Mono<T> parse(LlmOperation operation, HttpAnswer answer, Supplier<? extends AnswerParser<T>> parsers) {
		if (!isSuccess(answer)) {
			return collect(answer, (body) -> {
				throw failure(operation, answer, body);
			});
		}
		long expected = contentLength(answer);
		if (expected > this.settings.maxResponseSize()) {
			return tooLarge(answer);
		}
		return this.answers.parseBody(operation, timed(answer), expected, true, parsers);
	}

	/**
	 * Open a stream's body: a 2xx answer gives it, to be read as it arrives; any other
	 * fails as {@link #post} does, before anything is read.
	 */
	private Mono<Flux<ByteBuf>> open(LlmOperation operation, HttpAnswer answer) {
		if (isSuccess(answer)) {
			return Mono.just(answer.body());
		}
		return collect(answer, (error) -> {
			throw failure(operation, answer, error);
		});
	}

	private static boolean isSuccess(HttpAnswer answer) {
		return answer.status() / 100 == 2;
	}

	private <T> Mono<T> collect(HttpAnswer answer, Function<BodyBuffer, T> then) {
		long expected = contentLength(answer);
		if (expected > this.settings.maxResponseSize()) {
			return tooLarge(answer);
		}
		return this.answers.readBody(timed(answer), expected, true, then);
	}

	/**
	 * Refuse an answer whose announced size is larger than the maximum: its body is
	 * cancelled unread.
	 */
	private <T> Mono<T> tooLarge(HttpAnswer answer) {
		return answer.body()
			.take(0, false)
			.then(Mono.error(() -> new DataBufferLimitException(
					"Exceeded limit on max bytes to buffer : " + this.settings.maxResponseSize())));
	}

	private Flux<ByteBuf> timed(HttpAnswer answer) {
		return answer.body().timeout(this.bodyTimeout, (buffer) -> this.bodyTimeout);
	}

	private static long contentLength(HttpAnswer answer) {
		String value = answer.header("content-length");
		try {
			return (value != null) ? Long.parseLong(value.trim()) : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private LlmApiException failure(LlmOperation operation, HttpAnswer answer, BodyBuffer body) {
		return this.answers.failure(operation, answer.status(), answer::header, body);
	}

	/**
	 * Nothing to close: the sender belongs to the application.
	 */
	@Override
	public void close() {
	}

	/**
	 * What the requests of one kind share.
	 *
	 * @param method the HTTP method
	 * @param headers the headers of every such request, before those of the request hook
	 * @param stream whether the answer is an event stream
	 * @param timeout fires when the answer is late
	 */
	private record Shape(String method, Map<String, String> headers, boolean stream, Mono<Long> timeout) {

		Shape(String method, HttpHeaders headers, boolean stream, Mono<Long> timeout) {
			this(method, asMap(headers), stream, timeout);
		}

		HttpCall call(URI uri, byte @Nullable [] body, Map<String, String> headers) {
			return new HttpCall(this.method, uri, headers, body, this.stream);
		}

		private static Map<String, String> asMap(HttpHeaders headers) {
			Map<String, String> map = new LinkedHashMap<>();
			headers.forEach((header) -> map.put(header.getKey(), header.getValue()));
			return Map.copyOf(map);
		}

	}

}
