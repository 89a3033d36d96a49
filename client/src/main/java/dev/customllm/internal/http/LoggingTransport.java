package dev.customllm.internal.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.LlmOperation;
import dev.customllm.http.HttpLogLevel;
import dev.customllm.internal.json.LlmJson;

/**
 * Logs each HTTP attempt of a client, for debugging, at INFO on the logger
 * {@code dev.customllm.http}: method, URL, status and latency; with
 * {@link HttpLogLevel#HEADERS} the request headers (secret ones masked); with
 * {@link HttpLogLevel#BODY} the request body and the answer as read, truncated and with
 * the client's secrets masked. Wraps the transport directly, below retries, so that each
 * attempt is one entry.
 *
 * @author Custom LLM team
 */
public final class LoggingTransport extends ForwardingTransport {

	private static final Log logger = LogFactory.getLog("dev.customllm.http");

	private final HttpLogLevel level;

	private final int maxBodyLength;

	private final SecretRedactor redactor;

	private final String headers;

	private LoggingTransport(HttpTransport delegate, HttpLogLevel level, int maxBodyLength) {
		super(delegate);
		this.level = level;
		this.maxBodyLength = maxBodyLength;
		this.redactor = new SecretRedactor(delegate.settings());
		this.headers = describeHeaders(delegate.settings(), this.redactor);
	}

	/**
	 * Wrap a transport, unless nothing is to be logged.
	 * @param delegate the transport
	 * @param level how much to log
	 * @param maxBodyLength most characters of a body to log
	 * @return the logging transport, or the transport itself for
	 * {@link HttpLogLevel#NONE}
	 */
	public static HttpTransport wrap(HttpTransport delegate, HttpLogLevel level, int maxBodyLength) {
		return (level == HttpLogLevel.NONE) ? delegate : new LoggingTransport(delegate, level, maxBodyLength);
	}

	@Override
	public <T> Mono<T> exchange(Exchange<T> exchange) {
		return Mono.defer(() -> {
			Attempt attempt = new Attempt(System.nanoTime());
			request(exchange);
			return exchange.decorate(delegate().exchange(exchange), attempt);
		});
	}

	private void request(Exchange<?> exchange) {
		byte @Nullable [] body = exchange.body();
		StringBuilder entry = new StringBuilder("--> ").append(exchange.method())
			.append(' ')
			.append(exchange.uri())
			.append(" (")
			.append(exchange.operation())
			.append((body != null) ? ", " + body.length + " bytes)" : ")");
		if (this.level.compareTo(HttpLogLevel.HEADERS) >= 0) {
			entry.append('\n').append(this.headers);
		}
		if (this.level == HttpLogLevel.BODY && body != null) {
			entry.append('\n').append(excerpt(new String(body, StandardCharsets.UTF_8)));
		}
		logger.info(entry);
	}

	private void answered(LlmOperation operation, URI uri, long start, Object answer) {
		StringBuilder entry = new StringBuilder("<-- 2xx ").append(operation)
			.append(' ')
			.append(uri)
			.append(" (")
			.append(millis(start))
			.append(" ms)");
		if (this.level == HttpLogLevel.BODY) {
			entry.append('\n').append(excerpt(new String(LlmJson.write(answer), StandardCharsets.UTF_8)));
		}
		logger.info(entry);
	}

	private void failed(LlmOperation operation, URI uri, long start, Throwable failure) {
		logger.info("<-- failed " + operation + " " + uri + " (" + millis(start) + " ms): "
				+ this.redactor.redact(String.valueOf(failure.getMessage())));
	}

	private String excerpt(String body) {
		String masked = this.redactor.redact(body);
		return (masked.length() > this.maxBodyLength)
				? masked.substring(0, this.maxBodyLength) + "… (" + masked.length() + " characters)" : masked;
	}

	/**
	 * Logs the end of one attempt, timed from its start.
	 */
	private final class Attempt implements Exchange.Decoration {

		private final long start;

		Attempt(long start) {
			this.start = start;
		}

		@Override
		public <T> Mono<T> answer(Exchange<T> exchange, Mono<T> answer) {
			return answer.doOnNext((value) -> answered(exchange.operation(), exchange.uri(), this.start, value))
				.doOnError((failure) -> failed(exchange.operation(), exchange.uri(), this.start, failure));
		}

		@Override
		public <E> Mono<Flux<E>> stream(Exchange<Flux<E>> exchange, Mono<Flux<E>> opened) {
			LlmOperation operation = exchange.operation();
			URI uri = exchange.uri();
			return opened.map((events) -> {
				logger.info("<-- stream opened: " + operation + " " + uri + " (" + millis(this.start) + " ms)");
				AtomicInteger count = new AtomicInteger();
				return events.doOnNext((event) -> count.incrementAndGet())
					.doOnComplete(() -> logger.info("<-- stream ended: " + operation + " " + uri + ", " + count.get()
							+ " events (" + millis(this.start) + " ms)"))
					.doOnError((failure) -> failed(operation, uri, this.start, failure));
			}).doOnError((failure) -> failed(operation, uri, this.start, failure));
		}

	}

	private static String describeHeaders(HttpSettings settings, SecretRedactor redactor) {
		StringBuilder headers = new StringBuilder();
		if (settings.apiKey() != null) {
			headers.append("Authorization: Bearer ******");
		}
		if (settings.credentials() != null) {
			headers.append((headers.length() > 0) ? "\n" : "").append("(credentials provider): ******");
		}
		for (Map.Entry<String, String> header : settings.headers().entrySet()) {
			boolean secret = redactor.isSecretHeader(header.getKey());
			headers.append((headers.length() > 0) ? "\n" : "")
				.append(header.getKey())
				.append(": ")
				.append(secret ? "******" : header.getValue());
		}
		return headers.toString();
	}

	private static long millis(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

}
