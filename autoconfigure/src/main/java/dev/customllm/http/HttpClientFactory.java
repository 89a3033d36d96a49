package dev.customllm.http;

import java.time.Duration;
import java.util.List;

import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the {@link WebClient} of one LLM client: a dedicated Reactor Netty connection pool
 * speaking HTTP/1.1, the timeouts and TLS of {@link HttpSettings}, and the authentication
 * and extra headers.
 *
 * @author Custom LLM team
 */
public final class WebClientFactory {

	private static final String USER_AGENT = "custom-llm-spring-boot/0.1";

	private WebClientFactory() {
	}

	/**
	 * Create a {@link WebClient} for the given settings.
	 * @param settings the connection settings
	 * @param builder the builder to start from (it is cloned, not changed)
	 * @param pool the connection pool, from {@link #pool(HttpSettings, PoolMetrics)}
	 * @return the web client
	 */
	public static WebClient create(HttpSettings settings, WebClient.Builder builder, ConnectionProvider pool) {
		return builder.clone()
			.clientConnector(connector(settings, pool))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(settings.maxResponseSize()))
			.defaultHeaders((headers) -> defaultHeaders(settings, headers))
			.build();
	}

	private static void defaultHeaders(HttpSettings settings, HttpHeaders headers) {
		headers.setAccept(List.of(MediaType.APPLICATION_JSON));
		headers.set(HttpHeaders.USER_AGENT, USER_AGENT);
		settings.headers().forEach(headers::set);
		if (settings.apiKey() != null) {
			headers.setBearerAuth(settings.apiKey());
		}
	}

	/**
	 * Create the dedicated connection pool of one client: sized by
	 * {@link HttpSettings#maxConnections()}, with idle connections evicted after
	 * {@link HttpSettings#maxIdleTime()}, before servers close them.
	 * @param settings the connection settings
	 * @param metrics receives the pool's live counts
	 * @return a new pool, to be disposed of with the client
	 */
	public static ConnectionProvider pool(HttpSettings settings, PoolMetrics metrics) {
		return ConnectionProvider.builder("custom-llm")
			.maxConnections(settings.maxConnections())
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(settings.maxIdleTime())
			.evictInBackground(evictionInterval(settings.maxIdleTime()))
			.metrics(true, () -> metrics)
			.build();
	}

	private static ClientHttpConnector connector(HttpSettings settings, ConnectionProvider pool) {
		HttpClientSettings httpSettings = HttpClientSettings.ofSslBundle(settings.sslBundle())
			.withTimeouts(settings.connectTimeout(), settings.responseTimeout());
		return ClientHttpConnectorBuilder.reactor()
			.withHttpClientFactory(() -> HttpClient.create(pool))
			.withHttpClientCustomizer((client) -> client.protocol(HttpProtocol.HTTP11))
			.build(httpSettings);
	}

	private static Duration evictionInterval(Duration maxIdleTime) {
		Duration half = maxIdleTime.dividedBy(2);
		return (half.compareTo(Duration.ofSeconds(1)) < 0) ? Duration.ofSeconds(1) : half;
	}

}
