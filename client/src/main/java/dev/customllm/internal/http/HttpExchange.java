package dev.customllm.internal.http;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.util.context.ContextView;
import tools.jackson.databind.json.JsonMapper;

import dev.customllm.LlmApiException;
import dev.customllm.LlmOperation;
import dev.customllm.http.Credentials;
import dev.customllm.http.HttpAnswer;
import dev.customllm.http.HttpCall;
import dev.customllm.http.HttpSender;

import org.springframework.core.io.buffer.DataBufferLimitException;

/**
 * The one exchange path of a client, whatever sends its requests: the client's own
 * {@link NettySender} or an application's {@link HttpSender} (Spring's {@code WebClient}
 * with the application's filters). The sender makes the exchange; this class does the
 * rest: the headers of every request, the status, error bodies, the reading of an answer
 * ({@link Exchange}) bounded by the maximum response size and the memory budget, event
 * streams, and the response timeout — which the {@link NettySender} keeps as a read
 * timeout of its connections, and which is applied here to other senders (to the answer,
 * then between the buffers of a unary body).
 * <p>
 * Buffers are read during the signal that delivers them and never released here
 * ({@link HttpAnswer#body()}): those of the {@link NettySender} are its network buffers
 * as they are, those of other senders are wrapped without a copy. One instance per
 * client; thread-safe.
 *
 * @author Custom LLM team
 */
public final class HttpExchange implements HttpTransport {

	/**
	 * The key of an {@link IntConsumer} in the subscriber's context that is told the
	 * status code of each answer, as the request log reports it.
	 */
	static final Object STATUS_LISTENER = IntConsumer.class;

	private final HttpSettings settings;

	private final HttpSender sender;

	private final @Nullable NettySender netty;

	private final AnswerReader answers;

	private final RequestHook requestHook;

	private final PoolMetrics poolMetrics;

	private final Map<String, String> postHeaders;

	private final Map<String, String> getHeaders;

	private final Map<String, String> streamHeaders;

	private final Mono<Long> bodyTimeout;

	private final Mono<Long> streamTimeout;

	/**
	 * Create the exchange of a client on an application's sender, whose connections are
	 * its own: {@link #poolMetrics()} counts none, and {@link #close()} leaves the sender
	 * open.
	 * @param settings the connection settings; those of connections (connect timeout,
	 * pool, SSL) are left to the sender
	 * @param sender sends each request
	 * @param jsonMapper the mapper for answers
	 * @param requestHook adds headers to each attempt
	 */
	public HttpExchange(HttpSettings settings, HttpSender sender, JsonMapper jsonMapper, RequestHook requestHook) {
		this.settings = settings;
		this.sender = sender;
		this.netty = (sender instanceof NettySender own) ? own : null;
		this.poolMetrics = (this.netty != null) ? this.netty.poolMetrics() : new PoolMetrics();
		this.answers = new AnswerReader(settings, jsonMapper);
		this.requestHook = requestHook;
		HttpHeaders headers = HttpClientFactory.defaultHeaders(settings);
		this.postHeaders = asMap(headers);
		this.getHeaders = asMap(headers.copy().remove(HttpHeaderNames.CONTENT_TYPE));
		this.streamHeaders = asMap(headers.copy().set(HttpHeaderNames.ACCEPT, HttpClientFactory.STREAM_ACCEPT));
		this.bodyTimeout = Timeouts.after(settings.responseTimeout());
		// the time to a stream's answer never cuts it before its idle timeout
		Duration idle = settings.streamIdleTimeout();
		this.streamTimeout = (idle.compareTo(settings.responseTimeout()) > 0) ? Timeouts.after(idle) : this.bodyTimeout;
	}

	/**
	 * Create the exchange of a client on its own {@link NettySender}, closed with it.
	 * @param settings the connection settings
	 * @param customizer adjusts the Reactor Netty client after the settings are applied
	 * @param jsonMapper the mapper for answers
	 * @param requestHook adds headers to each attempt
	 * @return the exchange
	 */
	public static HttpExchange onNetty(HttpSettings settings, UnaryOperator<HttpClient> customizer,
			JsonMapper jsonMapper, RequestHook requestHook) {
		return new HttpExchange(settings, new NettySender(settings, customizer), jsonMapper, requestHook);
	}

	@Override
	public HttpSettings settings() {
		return this.settings;
	}

	/**
	 * Return the live counts of the {@link NettySender}'s pool, or no counts on another
	 * sender: its connections are unknown to the client.
	 * @return the pool metrics
	 */
	@Override
	public PoolMetrics poolMetrics() {
		return this.poolMetrics;
	}

	/**
	 * {@inheritDoc} The subscriber's demand on a stream reaches the sender.
	 * {@link EventStreamReader} tells how a stream fails.
	 */
	@Override
	public <T> Mono<T> exchange(Exchange<T> exchange) {
		CredentialsSource credentials = this.settings.credentials();
		return (credentials != null) ? credentials.apply(exchange.operation(), (given) -> attempt(exchange, given))
				: attempt(exchange, null);
	}

	/**
	 * Make one attempt, with the credentials of a provider when the client has one.
	 */
	private <T> Mono<T> attempt(Exchange<T> exchange, @Nullable Credentials credentials) {
		return Mono
			.deferContextual((context) -> send(exchange, call(exchange, context, credentials),
					context.getOrDefault(STATUS_LISTENER, null)))
			.onErrorMap((failure) -> this.answers.map(exchange.operation(), exchange.uri(), failure));
	}

	private <T> Mono<T> send(Exchange<T> exchange, HttpCall call, @Nullable IntConsumer status) {
		NettySender netty = this.netty;
		if (netty != null && !exchange.streamed()) {
			return netty.exchange(call, exchange, this, status);
		}
		Mono<HttpAnswer> answer = this.sender.send(call);
		if (status != null) {
			answer = answer.doOnNext((opened) -> status.accept(opened.status()));
		}
		if (netty == null) {
			answer = answer.timeout(exchange.streamed() ? this.streamTimeout : this.bodyTimeout);
		}
		// a stream is read after the exchange, its connection released by its end
		return answer.flatMap((opened) -> exchange.read(this, opened));
	}

	private HttpCall call(Exchange<?> exchange, ContextView context, @Nullable Credentials credentials) {
		Map<String, String> headers = exchange.streamed() ? this.streamHeaders
				: "GET".equals(exchange.method()) ? this.getHeaders : this.postHeaders;
		return HttpCall.builder()
			.method(exchange.method())
			.uri(exchange.uri())
			.headers(traced(headers, context, credentials))
			.body(exchange.body())
			.stream(exchange.streamed())
			.build();
	}

	private Map<String, String> traced(Map<String, String> headers, ContextView context,
			@Nullable Credentials credentials) {
		Traced traced = new Traced(headers);
		this.requestHook.addHeaders(context, traced);
		if (credentials != null) {
			traced.accept(credentials.headerName(), credentials.value());
		}
		return traced.headers;
	}

	/**
	 * Read a whole answer: with a parser as it arrives when 2xx, else as the error model.
	 */
	<T> Mono<T> parse(LlmOperation operation, HttpAnswer answer, Supplier<? extends AnswerParser<T>> parsers) {
		if (!isSuccess(answer)) {
			return failed(operation, answer);
		}
		long expected = contentLength(answer);
		if (expected > this.settings.maxResponseSize()) {
			return tooLarge(answer);
		}
		return this.answers.parseBody(operation, content(answer, true), expected, parsers);
	}

	/**
	 * Open a stream: a 2xx answer gives its events, read as they arrive; any other fails
	 * as {@link #parse} does, before anything is read. Retries belong around this step,
	 * never after the body started.
	 */
	<E> Mono<Flux<E>> open(LlmOperation operation, URI uri, HttpAnswer answer, Class<E> eventType) {
		if (!isSuccess(answer)) {
			return failed(operation, answer);
		}
		return Mono.just(this.answers.events(operation, uri, content(answer, false), eventType));
	}

	/**
	 * Return the parsers of an answer type the mapper reads
	 * ({@link AnswerReader#mapped}).
	 */
	<T> Supplier<AnswerParser<T>> mapped(LlmOperation operation, Class<T> answerType) {
		return this.answers.mapped(operation, answerType);
	}

	/**
	 * Read the body of an answer that is not 2xx, bounded as any other, and fail with the
	 * error it tells.
	 */
	private <T> Mono<T> failed(LlmOperation operation, HttpAnswer answer) {
		long expected = contentLength(answer);
		if (expected > this.settings.maxResponseSize()) {
			return tooLarge(answer);
		}
		return this.answers.readBody(content(answer, true), expected, (body) -> {
			throw failure(operation, answer, body);
		});
	}

	/**
	 * Return the body of an answer as buffers read in place: the network buffers of the
	 * {@link NettySender}, those of other senders wrapped, timed when asked.
	 */
	private Flux<ByteBuf> content(HttpAnswer answer, boolean timed) {
		if (answer instanceof NettySender.NettyAnswer own) {
			return own.content();
		}
		Flux<ByteBuf> body = answer.body().map(Unpooled::wrappedBuffer);
		return timed ? body.timeout(this.bodyTimeout, (buffer) -> this.bodyTimeout) : body;
	}

	/**
	 * Refuse an answer whose announced size is larger than the maximum: its body is
	 * cancelled unread.
	 */
	private <T> Mono<T> tooLarge(HttpAnswer answer) {
		return content(answer, false).take(0, false)
			.then(Mono.error(() -> new DataBufferLimitException(
					"Exceeded limit on max bytes to buffer : " + this.settings.maxResponseSize())));
	}

	private static boolean isSuccess(HttpAnswer answer) {
		return answer.status() / 100 == 2;
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
	 * Close the {@link NettySender}; another sender belongs to the application and stays
	 * open.
	 */
	@Override
	public void close() {
		NettySender netty = this.netty;
		if (netty != null) {
			netty.close();
		}
	}

	/**
	 * The headers of one attempt: those of its kind, copied only when the request hook
	 * adds some.
	 */
	private static final class Traced implements BiConsumer<String, String> {

		private Map<String, String> headers;

		private boolean copied;

		Traced(Map<String, String> headers) {
			this.headers = headers;
		}

		@Override
		public void accept(String name, String value) {
			if (!this.copied) {
				this.headers = new HashMap<>(this.headers);
				this.copied = true;
			}
			this.headers.put(name, value);
		}

	}

	private static Map<String, String> asMap(HttpHeaders headers) {
		Map<String, String> map = new LinkedHashMap<>();
		headers.forEach((header) -> map.put(header.getKey(), header.getValue()));
		return Map.copyOf(map);
	}

}
