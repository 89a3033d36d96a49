package dev.customllm.internal.http;

import java.time.Duration;
import java.util.function.UnaryOperator;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.ssl.SslContext;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Builds the Reactor Netty {@link HttpClient} of one LLM client: a dedicated connection
 * pool speaking HTTP/1.1, the timeouts and SSL context of {@link HttpSettings}, and the
 * headers sent on every request, which {@link HttpExchange} also hands to any sender.
 *
 * @author Custom LLM team
 */
final class HttpClientFactory {

	/**
	 * The {@code Accept} header of a request that asks for a stream.
	 */
	static final String STREAM_ACCEPT = "text/event-stream, application/json";

	private static final String USER_AGENT = "custom-llm-spring-boot/0.1";

	private HttpClientFactory() {
	}

	/**
	 * Create the {@link HttpClient} of one client.
	 * @param settings the connection settings
	 * @param pool the connection pool, from {@link #pool(HttpSettings, PoolMetrics)}
	 * @param customizer adjusts the client after the settings are applied; redirects stay
	 * off whatever it sets
	 * @return the HTTP client
	 */
	static HttpClient create(HttpSettings settings, ConnectionProvider pool, UnaryOperator<HttpClient> customizer) {
		HttpHeaders headers = defaultHeaders(settings);
		HttpClient client = HttpClient.create(pool)
			.protocol(HttpProtocol.HTTP11)
			// at most a day (Durations), well within an int
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
			.responseTimeout(settings.responseTimeout())
			.headers((request) -> request.add(headers));
		SslContext sslContext = settings.sslContext();
		if (sslContext != null) {
			client = client.secure((spec) -> spec.sslContext(sslContext));
		}
		// never follow a redirect, whatever the customizer set: following would send the
		// key and the prompt to another address
		return customizer.apply(client).followRedirect(false);
	}

	/**
	 * Return the headers sent on every request: JSON in and out, the user agent, the
	 * configured extra headers and the bearer token.
	 * @param settings the connection settings
	 * @return the headers, to be copied into each request
	 */
	static HttpHeaders defaultHeaders(HttpSettings settings) {
		HttpHeaders headers = new DefaultHttpHeaders();
		headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
		headers.set(HttpHeaderNames.ACCEPT, HttpHeaderValues.APPLICATION_JSON);
		headers.set(HttpHeaderNames.USER_AGENT, USER_AGENT);
		settings.headers().forEach(headers::set);
		if (settings.apiKey() != null) {
			headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + settings.apiKey());
		}
		return headers;
	}

	/**
	 * Create the dedicated connection pool of one client: sized by
	 * {@link HttpSettings#maxConnections()}, with idle connections evicted after
	 * {@link HttpSettings#maxIdleTime()}, before servers close them.
	 * @param settings the connection settings
	 * @param metrics receives the pool's live counts
	 * @return a new pool, to be disposed of with the client
	 */
	static ConnectionProvider pool(HttpSettings settings, PoolMetrics metrics) {
		return ConnectionProvider.builder("custom-llm")
			.maxConnections(settings.maxConnections())
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(settings.maxIdleTime())
			.evictInBackground(evictionInterval(settings.maxIdleTime()))
			.metrics(true, () -> metrics)
			.build();
	}

	private static Duration evictionInterval(Duration maxIdleTime) {
		Duration half = maxIdleTime.dividedBy(2);
		return (half.compareTo(Duration.ofSeconds(1)) < 0) ? Duration.ofSeconds(1) : half;
	}

}
