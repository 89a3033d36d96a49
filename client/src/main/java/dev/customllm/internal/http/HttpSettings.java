package dev.customllm.internal.http;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;

/**
 * How a client reaches an LLM service: where, with which credentials, and within which
 * limits.
 *
 * @param baseUrl base URL of the service, without a trailing slash
 * @param apiKey API key sent as a bearer token, or {@code null} when the service needs
 * none
 * @param headers extra headers sent on every request
 * @param connectTimeout maximum time to establish a connection
 * @param responseTimeout maximum time to wait for the first byte of an answer (the first
 * chunk of a stream), and between its bytes
 * @param streamIdleTimeout maximum time between two chunks of a stream
 * @param maxConnections maximum number of pooled connections
 * @param maxIdleTime time after which an idle pooled connection is closed
 * @param maxResponseSize maximum size of an answer held in memory, in bytes
 * @param sslContext Netty SSL context for TLS or mutual TLS, or {@code null} for the JVM
 * defaults
 * @param secretHeaders names of headers whose values are secret, besides those
 * {@link SecretRedactor} knows by name
 * @param responseMemory the budget that the bodies of answers being read reserve their
 * bytes from
 * @param credentials gives the credentials of each attempt, or {@code null} when the API
 * key (or nothing) is sent
 * @author Custom LLM team
 */
public record HttpSettings(String baseUrl, @Nullable String apiKey, Map<String, String> headers,
		Duration connectTimeout, Duration responseTimeout, Duration streamIdleTimeout, int maxConnections,
		Duration maxIdleTime, int maxResponseSize, @Nullable SslContext sslContext, Set<String> secretHeaders,
		ResponseMemory responseMemory, @Nullable CredentialsSource credentials) {

	public HttpSettings {
		if (responseMemory == null) {
			throw new IllegalArgumentException("responseMemory must not be null");
		}
		secretHeaders = Set.copyOf(secretHeaders);
		baseUrl = Endpoints.checkBaseUrl(baseUrl);
		if (headers == null) {
			throw new IllegalArgumentException("headers must not be null");
		}
		apiKey = (apiKey != null && !apiKey.isBlank()) ? apiKey.trim() : null;
		if (apiKey != null && credentials != null) {
			throw new IllegalArgumentException("an API key and a credentials provider are both set: use one of them");
		}
		headers = Map.copyOf(headers);
		requirePositive("connectTimeout", connectTimeout);
		requirePositive("responseTimeout", responseTimeout);
		requirePositive("streamIdleTimeout", streamIdleTimeout);
		requirePositive("maxIdleTime", maxIdleTime);
		if (maxConnections < 1) {
			throw new IllegalArgumentException("maxConnections must be at least 1, but was " + maxConnections);
		}
		if (maxResponseSize < 1024) {
			throw new IllegalArgumentException("maxResponseSize must be at least 1KB, but was " + maxResponseSize);
		}
	}

	/**
	 * Create settings without a credentials provider.
	 */
	@SuppressWarnings("javadoc")
	public HttpSettings(String baseUrl, @Nullable String apiKey, Map<String, String> headers, Duration connectTimeout,
			Duration responseTimeout, Duration streamIdleTimeout, int maxConnections, Duration maxIdleTime,
			int maxResponseSize, @Nullable SslContext sslContext, Set<String> secretHeaders,
			ResponseMemory responseMemory) {
		this(baseUrl, apiKey, headers, connectTimeout, responseTimeout, streamIdleTimeout, maxConnections, maxIdleTime,
				maxResponseSize, sslContext, secretHeaders, responseMemory, null);
	}

	/**
	 * Create settings with no secret headers besides those known by name.
	 */
	@SuppressWarnings("javadoc")
	public HttpSettings(String baseUrl, @Nullable String apiKey, Map<String, String> headers, Duration connectTimeout,
			Duration responseTimeout, Duration streamIdleTimeout, int maxConnections, Duration maxIdleTime,
			int maxResponseSize, @Nullable SslContext sslContext) {
		this(baseUrl, apiKey, headers, connectTimeout, responseTimeout, streamIdleTimeout, maxConnections, maxIdleTime,
				maxResponseSize, sslContext, Set.of(), ResponseMemory.shared(), null);
	}

	private static void requirePositive(String name, @Nullable Duration duration) {
		Durations.check(name, duration);
	}

	@Override
	public String toString() {
		return "HttpSettings[baseUrl=" + this.baseUrl + ", apiKey=" + ((this.apiKey != null) ? "******" : "none")
				+ ((this.credentials != null) ? ", credentials=" + this.credentials : "") + ", headers="
				+ this.headers.keySet() + ", connectTimeout=" + this.connectTimeout + ", responseTimeout="
				+ this.responseTimeout + ", streamIdleTimeout=" + this.streamIdleTimeout + ", maxConnections="
				+ this.maxConnections + ", maxIdleTime=" + this.maxIdleTime + ", maxResponseSize="
				+ this.maxResponseSize + "]";
	}

}
