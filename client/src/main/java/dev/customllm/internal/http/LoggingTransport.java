package dev.customllm.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import dev.customllm.http.HttpLogLevel;
import dev.customllm.internal.json.LlmJson;

/**
 * Logs each HTTP attempt of a client at INFO on the logger {@code dev.customllm.http}, as
 * one line per exchange that a production log pipeline keeps whole: method, URL (user
 * info and secret-looking query parameters masked), operation, the real status code,
 * latency, and the outcome; with {@link HttpLogLevel#HEADERS} the request headers (secret
 * ones masked); with {@link HttpLogLevel#BODY} the request body and the answer as read.
 * Headers, bodies and failures are quoted and escaped into the line (no line break ever
 * ends up in it), with the client's secrets masked first and then cut to the maximum body
 * length. Wraps the transport directly, below retries, so that each attempt is one line.
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
			Attempt attempt = new Attempt();
			return exchange.decorate(delegate().exchange(exchange), attempt)
				.contextWrite((context) -> context.put(HttpExchange.STATUS_LISTENER, attempt));
		});
	}

	private void log(Exchange<?> exchange, Attempt attempt, String outcome, @Nullable String answer) {
		StringBuilder line = new StringBuilder(128).append(exchange.method())
			.append(' ')
			.append(Endpoints.printable(exchange.uri()))
			.append(' ')
			.append(exchange.operation())
			.append(' ')
			.append((attempt.status > 0) ? String.valueOf(attempt.status) : "-")
			.append(' ')
			.append(millis(attempt.start))
			.append(" ms ")
			.append(outcome);
		if (this.level.compareTo(HttpLogLevel.HEADERS) >= 0) {
			quoted(line.append(" headers="), this.headers);
		}
		byte @Nullable [] body = exchange.body();
		if (this.level == HttpLogLevel.BODY && body != null) {
			quoted(line.append(" request="), bodyExcerpt(body));
		}
		if (answer != null) {
			quoted(line.append(" answer="), answer);
		}
		logger.info(line);
	}

	/**
	 * Return the start of a request body, decoding no more of it than can be shown.
	 */
	private String bodyExcerpt(byte[] body) {
		int decoded = (int) Math.min(body.length, 4L * (this.maxBodyLength + 256));
		String text = new String(body, 0, decoded, StandardCharsets.UTF_8);
		String excerpt = this.redactor.excerpt(text, this.maxBodyLength);
		return (decoded < body.length || excerpt.length() < text.length()) ? excerpt + " (" + body.length + " bytes)"
				: excerpt;
	}

	private String excerpt(String text) {
		String excerpt = this.redactor.excerpt(text, this.maxBodyLength);
		return (excerpt.length() < text.length()) ? excerpt + " (" + text.length() + " characters)" : excerpt;
	}

	private String failure(Throwable failure) {
		return this.redactor.redact(String.valueOf(failure.getMessage()));
	}

	/**
	 * Append a text in double quotes, escaped so that the line stays one line: quotes,
	 * backslashes and control characters (line breaks included) as JSON writes them.
	 */
	static StringBuilder quoted(StringBuilder line, String text) {
		line.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> line.append("\\\"");
				case '\\' -> line.append("\\\\");
				case '\n' -> line.append("\\n");
				case '\r' -> line.append("\\r");
				case '\t' -> line.append("\\t");
				default -> {
					if (c < 0x20 || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029') {
						line.append(String.format("\\u%04x", (int) c));
					}
					else {
						line.append(c);
					}
				}
			}
		}
		return line.append('"');
	}

	/**
	 * One attempt: its start, the status it got, and its end, logged once whichever way
	 * it ends (answer, failure, cancel).
	 */
	private final class Attempt implements Exchange.Decoration, IntConsumer {

		private final long start = System.nanoTime();

		private volatile int status;

		private int events;

		private volatile boolean opened;

		private final AtomicBoolean logged = new AtomicBoolean();

		private volatile @Nullable Object answer;

		private volatile @Nullable Throwable failure;

		@Override
		public void accept(int status) {
			this.status = status;
		}

		@Override
		public <T> Mono<T> answer(Exchange<T> exchange, Mono<T> answer) {
			// logged before the caller gets the answer or the failure
			return answer.doOnSuccess((value) -> {
				this.answer = value;
				ended(exchange, SignalType.ON_COMPLETE, null);
			}).doOnError((failure) -> {
				this.failure = failure;
				ended(exchange, SignalType.ON_ERROR, null);
			}).doOnCancel(() -> ended(exchange, SignalType.CANCEL, null));
		}

		@Override
		public <E> Mono<Flux<E>> stream(Exchange<Flux<E>> exchange, Mono<Flux<E>> opened) {
			return opened.doOnNext((events) -> this.opened = true)
				.map((events) -> events.doOnNext((event) -> this.events++)
					.doOnComplete(() -> ended(exchange, SignalType.ON_COMPLETE, "stream of "))
					.doOnError((failure) -> {
						this.failure = failure;
						ended(exchange, SignalType.ON_ERROR, "stream of ");
					})
					.doOnCancel(() -> ended(exchange, SignalType.CANCEL, "stream of ")))
				.doOnError((failure) -> {
					this.failure = failure;
					ended(exchange, SignalType.ON_ERROR, null);
				})
				.doOnCancel(() -> {
					if (!this.opened) {
						ended(exchange, SignalType.CANCEL, null);
					}
				});
		}

		private void ended(Exchange<?> exchange, SignalType signal, @Nullable String stream) {
			if (!this.logged.compareAndSet(false, true)) {
				return;
			}
			Throwable failure = this.failure;
			Object answer = this.answer;
			String events = (stream != null) ? stream + this.events + " events " : "";
			if (signal == SignalType.ON_ERROR && failure != null) {
				StringBuilder outcome = quoted(new StringBuilder(events).append("failed: "), failure(failure));
				log(exchange, this, outcome.toString(), null);
			}
			else if (signal == SignalType.CANCEL) {
				log(exchange, this, events + "cancelled", null);
			}
			else {
				String body = (LoggingTransport.this.level == HttpLogLevel.BODY && answer != null)
						? excerpt(new String(LlmJson.write(answer), StandardCharsets.UTF_8)) : null;
				log(exchange, this, events + "ok", body);
			}
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
				.append(secret ? "******" : redactor.redact(header.getValue()));
		}
		return headers.toString();
	}

	private static long millis(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

}
