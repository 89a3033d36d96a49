package dev.customllm.benchmarks;

import java.util.List;
import java.util.Locale;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.CustomLlmClient;
import dev.customllm.completion.CompletionApi;
import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.CompletionResponse;
import dev.customllm.embedding.EmbeddingDefaults;
import dev.customllm.embedding.EmbeddingModel;
import dev.customllm.embedding.EncodingFormat;
import dev.customllm.resilience.RateLimitSettings;
import dev.customllm.resilience.RetrySettings;

/**
 * The library, built with {@link CustomLlmClient#builder()} as a user would, retries off
 * (the baseline does not retry).
 *
 * @author Custom LLM team
 */
final class LibraryContender implements Contender {

	private final String name;

	private final CustomLlmClient client;

	private final AutoCloseable resources;

	private final CompletionModel completions;

	private final EmbeddingModel embeddings;

	LibraryContender(ContenderSettings settings) {
		this(settings, CompletionApi.CHAT);
	}

	/**
	 * Create the library speaking a completion API.
	 * @param settings the settings
	 * @param api the completion API
	 */
	LibraryContender(ContenderSettings settings, CompletionApi api) {
		this((api == CompletionApi.CHAT) ? "library" : "library (" + api.name().toLowerCase(Locale.ROOT) + ")",
				settings, api);
	}

	/**
	 * Create a contender on a client of its own, under another name.
	 * @param name the name shown in reports
	 * @param settings the settings
	 */
	LibraryContender(String name, ContenderSettings settings) {
		this(name, settings, CompletionApi.CHAT);
	}

	private LibraryContender(String name, ContenderSettings settings, CompletionApi api) {
		this(name, builder(settings).completionApi(api).build(), () -> {
		});
	}

	/**
	 * Create the library as a Spring Boot application with Actuator has it: its meters in
	 * a registry and every call observed, the observations timed by Micrometer's default
	 * handler: what observation costs a call.
	 * @param settings the settings
	 * @return the contender
	 */
	static LibraryContender observed(ContenderSettings settings) {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		return new LibraryContender("library, observed",
				builder(settings).meterRegistry(meters).observationRegistry(observations).build(), meters::close);
	}

	/**
	 * Create the library with client-side limits that never make a call wait: requests in
	 * flight, requests per second and tokens per minute, all far above what the benchmark
	 * asks: what keeping the limits costs a call.
	 * @param settings the settings
	 * @return the contender
	 */
	static LibraryContender limited(ContenderSettings settings) {
		RateLimitSettings limits = RateLimitSettings.builder()
			.maxConcurrentRequests(100_000)
			.requestsPerSecond(1e9)
			.tokensPerMinute(Long.MAX_VALUE / 4)
			.build();
		return new LibraryContender("library, rate-limited", builder(settings).rateLimits(limits).build(), () -> {
		});
	}

	private static CustomLlmClient.Builder builder(ContenderSettings settings) {
		return CustomLlmClient.builder()
			.baseUrl(settings.baseUrl())
			.apiKey(ContenderSettings.API_KEY)
			.maxConnections(settings.maxConnections())
			.maxIdleTime(ContenderSettings.MAX_IDLE_TIME)
			.connectTimeout(ContenderSettings.CONNECT_TIMEOUT)
			.responseTimeout(ContenderSettings.RESPONSE_TIMEOUT)
			.retry(RetrySettings.NONE)
			.embeddingDefaults(embeddingDefaults(settings));
	}

	/**
	 * Create a contender on a client built elsewhere.
	 * @param name the name shown in reports
	 * @param client the client
	 * @param resources closed after the client
	 */
	LibraryContender(String name, CustomLlmClient client, AutoCloseable resources) {
		this.name = name;
		this.client = client;
		this.resources = resources;
		this.completions = this.client.completionModel(ContenderSettings.MODEL);
		this.embeddings = this.client.embeddingModel("bench-embedding");
	}

	private static EmbeddingDefaults embeddingDefaults(ContenderSettings settings) {
		EncodingFormat format = settings.base64() ? EncodingFormat.BASE64 : EncodingFormat.FLOAT;
		return EmbeddingDefaults.builder()
			.dimensions(settings.dimensions())
			.batchSize(settings.batchSize())
			.maxConcurrency(settings.maxConcurrency())
			.encodingFormat(format)
			.build();
	}

	EmbeddingModel embeddingModel() {
		return this.embeddings;
	}

	CompletionModel completionModel() {
		return this.completions;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public Mono<String> chat(String prompt) {
		return this.completions.completeAsync(CompletionRequest.of(prompt)).map(CompletionResponse::text);
	}

	@Override
	public Flux<String> stream(String prompt) {
		return this.completions.stream(CompletionRequest.of(prompt)).map(CompletionChunk::text);
	}

	@Override
	public Mono<? extends List<?>> embedAll(List<String> texts) {
		return this.embeddings.embedAllAsync(texts);
	}

	@Override
	public void close() {
		this.client.close();
		try {
			this.resources.close();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
