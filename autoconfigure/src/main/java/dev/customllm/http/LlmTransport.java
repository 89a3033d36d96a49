package dev.customllm.http;

import java.net.URI;
import java.time.Duration;
import java.time.Clock;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.customllm.LlmApiException;
import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;
import dev.customllm.observation.LlmTelemetry;
import dev.customllm.retry.Resilience;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Sends JSON requests to an LLM service and reads JSON answers, mapping every failure to
 * the error model. One instance per client; thread-safe.
 *
 * @author Custom LLM team
 */
public final class LlmTransport implements AutoCloseable {

	private final HttpSettings settings;

	private final ConnectionProvider pool;

	private final PoolMetrics poolMetrics = new PoolMetrics();

	private final WebClient webClient;

	private final JsonMapper jsonMapper;

	private final ErrorResponses errorResponses;

	private final RequestFailures requestFailures;

	private final Resilience resilience;

	private final LlmTelemetry telemetry;

	/**
	 * Create a transport with its own connection pool.
	 * @param settings the connection settings
	 * @param builder the web client builder to start from (cloned)
	 * @param jsonMapper the mapper for request and response bodies
	 * @param resilience retries, limits and deadlines of the client
	 * @param telemetry observations and meters of the client
	 */
	public LlmTransport(HttpSettings settings, WebClient.Builder builder, JsonMapper jsonMapper,
			Resilience resilience, LlmTelemetry telemetry) {
		this.settings = settings;
		this.resilience = resilience;
		this.telemetry = telemetry;
		this.pool = WebClientFactory.pool(settings, this.poolMetrics);
		this.webClient = WebClientFactory.create(settings, builder, this.pool);
		this.jsonMapper = jsonMapper;
		this.errorResponses = new ErrorResponses(jsonMapper, new SecretRedactor(settings.apiKey(), settings.headers()),
				Clock.systemUTC());
		this.requestFailures = new RequestFailures(settings.maxResponseSize());
	}

	/**
	 * Return the connection settings.
	 * @return the settings
	 */
	public HttpSettings settings() {
		return this.settings;
	}

	/**
	 * Return the observations and meters of the client.
	 * @return the telemetry
	 */
	public LlmTelemetry telemetry() {
		return this.telemetry;
	}

	/**
	 * Return the live counts of the connection pool.
	 * @return the pool metrics
	 */
	public PoolMetrics poolMetrics() {
		return this.poolMetrics;
	}

	/**
	 * Return the URI of an endpoint of the service.
	 * @param path the endpoint path, for example {@code /chat/completions}
	 * @return the URI
	 */
	public URI endpoint(String path) {
		return Endpoints.resolve(this.settings.baseUrl(), path);
	}

	/**
	 * Post a JSON body and read the JSON answer.
	 * @param <T> the answer type
	 * @param operation the operation, for errors
	 * @param uri the endpoint
	 * @param body the request body, serialized as JSON
	 * @param answerType the type to read a 2xx answer as
	 * @return the answer; fails with an {@link dev.customllm.LlmException}
	 */
	public <T> Mono<T> post(LlmOperation operation, URI uri, Object body, Class<T> answerType) {
		return Mono.fromCallable(() -> serialize(body))
			.flatMap((bytes) -> this.resilience.call(operation, bytes, attempt(operation, uri, bytes, answerType)));
	}

	/**
	 * Get a JSON answer in a single attempt, without retries: for health checks, which must
	 * be quick and tell the truth.
	 * @param <T> the answer type
	 * @param operation the operation, for errors
	 * @param uri the endpoint
	 * @param answerType the type to read a 2xx answer as
	 * @return the answer; fails with an {@link dev.customllm.LlmException}
	 */
	public <T> Mono<T> get(LlmOperation operation, URI uri, Class<T> answerType) {
		return Mono.defer(() -> this.webClient.get()
			.uri(uri)
			.exchangeToMono((response) -> read(operation, response, answerType)))
			.onErrorMap((failure) -> this.requestFailures.map(operation, uri, failure));
	}

	private byte[] serialize(Object body) {
		try {
			return this.jsonMapper.writeValueAsBytes(body);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("request cannot be written as JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	private <T> Mono<T> attempt(LlmOperation operation, URI uri, byte[] body, Class<T> answerType) {
		return Mono.defer(() -> this.webClient.post()
			.uri(uri)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchangeToMono((response) -> read(operation, response, answerType)))
			.onErrorMap((failure) -> this.requestFailures.map(operation, uri, failure));
	}

	private <T> Mono<T> read(LlmOperation operation, ClientResponse response, Class<T> answerType) {
		if (response.statusCode().is2xxSuccessful()) {
			return response.bodyToMono(byte[].class)
				.switchIfEmpty(Mono.error(() -> new LlmResponseException(operation, "empty body")))
				.map((bytes) -> parse(operation, bytes, answerType));
		}
		return response.bodyToMono(byte[].class)
			.defaultIfEmpty(new byte[0])
			.flatMap((bytes) -> Mono.error(this.errorResponses.toException(operation,
					response.statusCode().value(), response.headers().asHttpHeaders(), bytes)));
	}

	private <T> T parse(LlmOperation operation, byte[] bytes, Class<T> answerType) {
		T answer = this.jsonMapper.readValue(bytes, answerType);
		if (answer == null) {
			throw new LlmResponseException(operation, "body is JSON null");
		}
		return answer;
	}

	/**
	 * Post a JSON body that asks for a stream, and read the answer's server-sent events as
	 * they arrive: the payload of each {@code data:} event as a {@code chunkType}, until
	 * {@code data: [DONE]}. The subscriber's demand reaches the connection, and cancelling
	 * releases the connection at once. {@link EventStreamReader} tells how a stream fails.
	 * @param <T> the chunk type
	 * @param operation the operation, for errors
	 * @param uri the endpoint
	 * @param body the request body, serialized as JSON; it must ask for a stream
	 * @param chunkType the type to read each payload as
	 * @return the chunks; fails with an {@link dev.customllm.LlmException}
	 */
	public <T> Flux<T> stream(LlmOperation operation, URI uri, Object body, Class<T> chunkType) {
		EventStreamReader reader = new EventStreamReader(operation, this.jsonMapper, this.errorResponses,
				this.settings);
		return Mono.fromCallable(() -> serialize(body))
			.flatMap((bytes) -> this.resilience.open(operation, bytes, openStream(operation, uri, bytes)))
			.flatMapMany((events) -> reader.read(events, chunkType))
			.onErrorMap((failure) -> this.requestFailures.map(operation, uri, failure));
	}

	/**
	 * Open a stream: send the request and wait for the answer's status. A 2xx answer gives
	 * its body, to be read as it arrives; any other fails as {@link #post} does, before
	 * anything is read. Retries belong around this step, never after the body started.
	 */
	private Mono<Flux<byte[]>> openStream(LlmOperation operation, URI uri, byte[] body) {
		return Mono.defer(() -> this.webClient.post()
			.uri(uri)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_JSON)
			.httpRequest((request) -> streamReadTimeout(request.getNativeRequest()))
			.bodyValue(body)
			.retrieve()
			.onStatus((status) -> !status.is2xxSuccessful(), (response) -> streamFailure(operation, response))
			.toEntityFlux(byte[].class))
			.mapNotNull(ResponseEntity::getBody)
			.onErrorMap((failure) -> this.requestFailures.map(operation, uri, failure));
	}

	private void streamReadTimeout(Object nativeRequest) {
		// the network-level read timeout must not cut a stream before its own idle timeout
		Duration idle = this.settings.streamIdleTimeout();
		if (nativeRequest instanceof HttpClientRequest request && idle.compareTo(this.settings.responseTimeout()) > 0) {
			request.responseTimeout(idle);
		}
	}

	private Mono<LlmApiException> streamFailure(LlmOperation operation, ClientResponse response) {
		return response.bodyToMono(byte[].class)
			.defaultIfEmpty(new byte[0])
			.map((bytes) -> this.errorResponses.toException(operation, response.statusCode().value(),
					response.headers().asHttpHeaders(), bytes));
	}

	/**
	 * Close the connection pool.
	 */
	@Override
	public void close() {
		this.pool.dispose();
	}

}
