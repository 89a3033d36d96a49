package dev.customllm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.ssl.SslContext;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import dev.customllm.agent.AgentBuilder;
import dev.customllm.http.CredentialsProvider;
import dev.customllm.http.HttpLogLevel;
import dev.customllm.internal.completion.CompletionContext;
import dev.customllm.internal.completion.OpenAiCompletionModel;
import dev.customllm.internal.completion.ResponseFormatNegotiation;
import dev.customllm.internal.completion.StreamLimits;
import dev.customllm.completion.CompletionApi;
import dev.customllm.completion.CompletionDefaults;
import dev.customllm.completion.CompletionModel;
import dev.customllm.internal.completion.StreamUsageNegotiation;
import dev.customllm.embedding.EmbeddingDefaults;
import dev.customllm.embedding.EmbeddingModel;
import dev.customllm.http.HttpSender;
import dev.customllm.internal.embedding.EncodingNegotiation;
import dev.customllm.internal.embedding.OpenAiEmbeddingModel;
import dev.customllm.internal.rerank.OpenAiRerankModel;
import dev.customllm.internal.http.CredentialsSource;
import dev.customllm.internal.http.HttpSettings;
import dev.customllm.internal.json.LlmJson;
import dev.customllm.internal.http.HttpExchange;
import dev.customllm.internal.http.HttpTransport;
import dev.customllm.internal.http.LoggingTransport;
import dev.customllm.internal.http.MaskingTransport;
import dev.customllm.internal.http.Endpoints;
import dev.customllm.internal.http.ModelList;
import dev.customllm.internal.http.SecretRedactor;
import dev.customllm.internal.http.ResponseMemory;
import dev.customllm.observation.LlmObservationConvention;
import dev.customllm.rerank.RerankDefaults;
import dev.customllm.rerank.RerankModel;
import dev.customllm.internal.telemetry.LlmTelemetry;
import dev.customllm.resilience.RateLimitSettings;
import dev.customllm.resilience.RateLimitStore;
import dev.customllm.resilience.RateLimitStoreStatus;
import dev.customllm.internal.resilience.Resilience;
import dev.customllm.internal.resilience.ResilienceSettings;
import dev.customllm.internal.resilience.ResilientTransport;
import dev.customllm.resilience.RetryBudget;
import dev.customllm.resilience.RetrySettings;

/**
 * Client of one OpenAI-compatible LLM service: its connection pool, credentials and
 * defaults, and the models that use them. Thread-safe; create one per service and share
 * it.
 *
 * <pre class="code">
 * CustomLlmClient client = CustomLlmClient.builder()
 *     .baseUrl("http://localhost:8000/v1")
 *     .apiKey(System.getenv("CUSTOM_API_KEY"))
 *     .build();
 * String answer = client.completionModel("qwen2.5-7b-instruct").complete("Say hello");
 * </pre>
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class CustomLlmClient implements AutoCloseable {

	/**
	 * Name of the environment variable that holds the API key.
	 */
	public static final String API_KEY_ENVIRONMENT_VARIABLE = "CUSTOM_API_KEY";

	/**
	 * Name of the environment variable that holds the base URL of the service.
	 */
	public static final String BASE_URL_ENVIRONMENT_VARIABLE = "CUSTOM_BASE_URL";

	private final HttpTransport transport;

	private final LlmTelemetry telemetry;

	private final CompletionContext completions;

	private final CompletionDefaults completionDefaults;

	private final EmbeddingDefaults embeddingDefaults;

	private final RerankDefaults rerankDefaults;

	private final EncodingNegotiation encoding = new EncodingNegotiation();

	private final Resilience resilience;

	private final SecretRedactor redactor;

	private CustomLlmClient(HttpTransport transport, Resilience resilience, LlmTelemetry telemetry,
			CompletionContext completions, Builder builder) {
		this.transport = transport;
		this.resilience = resilience;
		this.telemetry = telemetry;
		this.completions = completions;
		this.completionDefaults = builder.completionDefaults();
		this.embeddingDefaults = builder.embeddingDefaults;
		this.rerankDefaults = builder.rerankDefaults;
		this.redactor = new SecretRedactor(transport.settings());
	}

	/**
	 * Create a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Create a client for the base URL in the {@code CUSTOM_BASE_URL} environment
	 * variable with the API key from the {@code CUSTOM_API_KEY} environment variable.
	 * @return the client
	 * @throws IllegalStateException if either variable is not set
	 */
	public static CustomLlmClient fromEnv() {
		return fromEnv(System::getenv);
	}

	static CustomLlmClient fromEnv(UnaryOperator<@Nullable String> environment) {
		String baseUrl = environment.apply(BASE_URL_ENVIRONMENT_VARIABLE);
		if (baseUrl == null || baseUrl.isBlank()) {
			throw new IllegalStateException("The environment variable " + BASE_URL_ENVIRONMENT_VARIABLE
					+ " is not set: set it to the base URL of the LLM service, such as https://api.openai.com/v1");
		}
		String apiKey = environment.apply(API_KEY_ENVIRONMENT_VARIABLE);
		if (apiKey == null || apiKey.isBlank()) {
			throw new IllegalStateException("The environment variable " + API_KEY_ENVIRONMENT_VARIABLE
					+ " is not set: set it to the API key of the LLM service");
		}
		return builder().baseUrl(baseUrl.strip()).apiKey(apiKey).build();
	}

	/**
	 * Return a URL as the client prints it in messages and log lines: whatever precedes
	 * its last {@code @} (user info with any password, however the URL is spelled) and
	 * the values of query parameters whose names tell a secret ({@code api_key},
	 * {@code token}, {@code sig}, ...) are masked. For code that shows a configured base
	 * URL, such as a start-up failure.
	 * @param url the URL as written
	 * @return the URL with its secrets masked
	 */
	public static String printableUrl(String url) {
		return Endpoints.printable(url);
	}

	/**
	 * Return whether the client treats the value of a header as a secret by the header's
	 * name alone: {@code Authorization}, {@code Proxy-Authorization}, {@code Cookie} and
	 * names ending in {@code api-key}, {@code -key}, {@code -token} or {@code -secret},
	 * in any case. Such values are masked wherever a service echoes them back, as are
	 * those of the headers named with {@link Builder#secretHeader(String)}. For code that
	 * shows headers or configuration, such as a sender's own log or an actuator
	 * sanitizer.
	 * @param headerName the header name
	 * @return whether a header of this name holds a secret
	 */
	public static boolean isSecretHeader(String headerName) {
		return SecretRedactor.isSecret(headerName);
	}

	/**
	 * Return the completion model configured by the client's defaults.
	 * @return the completion model
	 */
	public CompletionModel completionModel() {
		return completionModel(this.completionDefaults);
	}

	/**
	 * Return a completion model for the named model, with the client's other defaults.
	 * @param model the model name
	 * @return the completion model
	 */
	public CompletionModel completionModel(String model) {
		return completionModel(this.completionDefaults.withModel(requireName(model)));
	}

	private CompletionModel completionModel(CompletionDefaults defaults) {
		return OpenAiCompletionModel.create(this.completions, defaults);
	}

	/**
	 * Return the embedding model configured by the client's defaults.
	 * @return the embedding model
	 */
	public EmbeddingModel embeddingModel() {
		return new OpenAiEmbeddingModel(this.transport, this.telemetry, this.embeddingDefaults, this.encoding);
	}

	/**
	 * Return an embedding model for the named model, with the client's other defaults.
	 * @param model the model name
	 * @return the embedding model
	 */
	public EmbeddingModel embeddingModel(String model) {
		return new OpenAiEmbeddingModel(this.transport, this.telemetry,
				this.embeddingDefaults.withModel(requireName(model)), this.encoding);
	}

	/**
	 * Return the reranking model configured by the client's defaults.
	 * @return the reranking model
	 */
	public RerankModel rerankModel() {
		return new OpenAiRerankModel(this.transport, this.telemetry, this.rerankDefaults);
	}

	/**
	 * Return a reranking model ({@code POST {base-url}/rerank}) for the named model, with
	 * the client's other defaults.
	 * @param model the model name, for example {@code BAAI/bge-reranker-v2-m3}
	 * @return the reranking model
	 */
	public RerankModel rerankModel(String model) {
		return new OpenAiRerankModel(this.transport, this.telemetry, this.rerankDefaults.withModel(requireName(model)));
	}

	/**
	 * Return a builder for an agent on the named chat model, with the client's other
	 * defaults.
	 * @param model the model name
	 * @return a new agent builder
	 */
	public AgentBuilder agent(String model) {
		return AgentBuilder.of(completionModel(model));
	}

	private static String requireName(String model) {
		if (model == null || model.isBlank()) {
			throw new IllegalArgumentException("model must not be blank");
		}
		return model;
	}

	/**
	 * List the models the service offers ({@code GET {base-url}/models}), in a single
	 * attempt without retries, within the call timeout; an id that echoes a secret of the
	 * client is masked.
	 * @param path the endpoint path, usually {@code /models}
	 * @return a {@link Mono} of the model ids
	 */
	public Mono<List<String>> listModels(String path) {
		return this.transport.get(LlmOperation.MODELS, this.transport.endpoint(path), ModelList.class)
			.map((models) -> models.ids().stream().map(this.redactor::redact).toList());
	}

	/**
	 * Return the base URL of the service.
	 * @return the base URL
	 */
	public String baseUrl() {
		return this.transport.settings().baseUrl();
	}

	/**
	 * Return the live counts of the client's connection pool. With an
	 * {@link Builder#httpSender(HttpSender) HTTP sender} the connections are the
	 * sender's, and every count is zero.
	 * @return the pool metrics
	 */
	public ConnectionPool connectionPool() {
		return this.transport.poolMetrics();
	}

	/**
	 * Return where the client's rate limits are kept at the moment, when they are shared
	 * through a {@link RateLimitStore}: in the store, or, while it cannot be reached, per
	 * instance or not at all; and since when.
	 * @return the status, or empty when the client has no rate-limit store
	 */
	public Optional<RateLimitStoreStatus> rateLimitStoreStatus() {
		return this.resilience.storeStatus();
	}

	/**
	 * Release the client's connection pool.
	 */
	@Override
	public void close() {
		this.transport.close();
	}

	@Override
	public String toString() {
		return "CustomLlmClient[" + this.transport.settings() + "]";
	}

	/**
	 * Builder for {@link CustomLlmClient}.
	 */
	public static final class Builder {

		private @Nullable String baseUrl;

		private @Nullable String apiKey;

		private @Nullable CredentialsProvider credentials;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private final Set<String> secretHeaders = new LinkedHashSet<>();

		private int maxToolCalls = StreamLimits.DEFAULT_MAX_TOOL_CALLS;

		private @Nullable Long maxBufferedResponseBytes;

		private HttpLogLevel httpLogLevel = HttpLogLevel.NONE;

		private int httpLogMaxBodyLength = 2000;

		private Duration connectTimeout = Duration.ofSeconds(10);

		private Duration responseTimeout = Duration.ofSeconds(60);

		private Duration streamIdleTimeout = Duration.ofSeconds(60);

		private int maxConnections = 100;

		private Duration maxIdleTime = Duration.ofSeconds(4);

		private int maxResponseSize = 32 * 1024 * 1024;

		private @Nullable SslContext sslContext;

		private CompletionDefaults completionDefaults = CompletionDefaults.NONE;

		private @Nullable CompletionApi completionApi;

		private @Nullable Boolean splitThinkTags;

		private EmbeddingDefaults embeddingDefaults = EmbeddingDefaults.DEFAULT;

		private @Nullable UnaryOperator<HttpClient> httpClientCustomizer;

		private @Nullable HttpSender httpSender;

		private RerankDefaults rerankDefaults = RerankDefaults.DEFAULT;

		private long maxImageBytes = CompletionContext.DEFAULT_MAX_IMAGE_BYTES;

		private RetrySettings retry = RetrySettings.DEFAULT;

		private RetryBudget retryBudget = RetryBudget.standard();

		private RateLimitSettings rateLimits = RateLimitSettings.NONE;

		private @Nullable RateLimitStore rateLimitStore;

		private Duration callTimeout = Duration.ofMinutes(5);

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable MeterRegistry meterRegistry;

		private @Nullable LlmObservationConvention observationConvention;

		private String providerName = "custom";

		private boolean includeContent;

		private Builder() {
		}

		/**
		 * Set the base URL of the service, for example {@code http://localhost:8000/v1}.
		 * @param baseUrl the base URL
		 * @return this builder
		 */
		public Builder baseUrl(String baseUrl) {
			this.baseUrl = argument("baseUrl", baseUrl);
			return this;
		}

		/**
		 * Set the API key, sent as a bearer token; {@code null} or blank for none.
		 * @param apiKey the API key
		 * @return this builder
		 */
		public Builder apiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Ask a provider for the credentials of each attempt instead of sending a fixed
		 * API key: for keys that rotate, cloud identity tokens, OAuth2 access tokens or
		 * secrets kept in a vault. After a {@code 401} the client tells the provider and
		 * tries once more with the credentials it gives then. The values are masked
		 * wherever the API key is. A client has a key or a provider, not both.
		 * @param credentials the provider, or {@code null} for none
		 * @return this builder
		 */
		public Builder credentials(@Nullable CredentialsProvider credentials) {
			this.credentials = credentials;
			return this;
		}

		/**
		 * Add a header sent on every request.
		 * @param name the header name
		 * @param value the header value
		 * @return this builder
		 */
		public Builder header(String name, String value) {
			this.headers.put(argument("header name", name), argument("value of header " + name, value));
			return this;
		}

		/**
		 * Set the maximum time to establish a connection.
		 * @param connectTimeout the timeout
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = argument("connectTimeout", connectTimeout);
			return this;
		}

		/**
		 * Set the maximum time to wait for the first byte of an answer, and between its
		 * bytes.
		 * @param responseTimeout the timeout
		 * @return this builder
		 */
		public Builder responseTimeout(Duration responseTimeout) {
			this.responseTimeout = argument("responseTimeout", responseTimeout);
			return this;
		}

		/**
		 * Set the maximum time between two chunks of a stream. A stream is never cut by a
		 * total timeout, only by this one.
		 * @param streamIdleTimeout the timeout
		 * @return this builder
		 */
		public Builder streamIdleTimeout(Duration streamIdleTimeout) {
			this.streamIdleTimeout = argument("streamIdleTimeout", streamIdleTimeout);
			return this;
		}

		/**
		 * Set the maximum number of pooled connections.
		 * @param maxConnections the maximum
		 * @return this builder
		 */
		public Builder maxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
			return this;
		}

		/**
		 * Set the time after which an idle pooled connection is closed; keep it below the
		 * service's keep-alive timeout.
		 * @param maxIdleTime the idle time
		 * @return this builder
		 */
		public Builder maxIdleTime(Duration maxIdleTime) {
			this.maxIdleTime = argument("maxIdleTime", maxIdleTime);
			return this;
		}

		/**
		 * Set the maximum size of an answer held in memory.
		 * @param bytes the size in bytes
		 * @return this builder
		 */
		public Builder maxResponseSize(int bytes) {
			this.maxResponseSize = bytes;
			return this;
		}

		/**
		 * Set the Netty SSL context for TLS or mutual TLS, for example
		 * {@code SslContextBuilder.forClient().trustManager(caFile).build()}. With Spring
		 * Boot, {@code custom.llm.ssl.bundle} names an SSL bundle instead. Not for a
		 * client with an {@link #httpSender(HttpSender) HTTP sender}.
		 * @param sslContext the context, or {@code null} for the JVM defaults
		 * @return this builder
		 */
		public Builder sslContext(@Nullable SslContext sslContext) {
			this.sslContext = sslContext;
			return this;
		}

		/**
		 * Set the defaults of completion models.
		 * @param defaults the defaults
		 * @return this builder
		 */
		public Builder completionDefaults(CompletionDefaults defaults) {
			this.completionDefaults = argument("completionDefaults", defaults);
			return this;
		}

		/**
		 * Set which completion API the client's completion models speak: chat completions
		 * (the default), legacy text completions or the Responses API. Takes precedence
		 * over the API of the {@linkplain #completionDefaults(CompletionDefaults)
		 * completion defaults}.
		 * @param api the API
		 * @return this builder
		 */
		public Builder completionApi(CompletionApi api) {
			this.completionApi = argument("completionApi", api);
			return this;
		}

		/**
		 * Set whether the client's completion models split a leading
		 * {@code <think>…</think>} out of the answers' text into their reasoning, for
		 * servers without a reasoning parser. Takes precedence over the
		 * {@linkplain #completionDefaults(CompletionDefaults) completion defaults}.
		 * @param splitThinkTags whether to split think tags
		 * @return this builder
		 * @see CompletionDefaults.Builder#splitThinkTags(boolean)
		 */
		public Builder splitThinkTags(boolean splitThinkTags) {
			this.splitThinkTags = splitThinkTags;
			return this;
		}

		private CompletionDefaults completionDefaults() {
			CompletionDefaults defaults = this.completionDefaults;
			if (this.completionApi != null) {
				defaults = defaults.withApi(this.completionApi);
			}
			return (this.splitThinkTags != null) ? defaults.withSplitThinkTags(this.splitThinkTags) : defaults;
		}

		/**
		 * Set the defaults of embedding models.
		 * @param defaults the defaults
		 * @return this builder
		 */
		public Builder embeddingDefaults(EmbeddingDefaults defaults) {
			this.embeddingDefaults = argument("embeddingDefaults", defaults);
			return this;
		}

		/**
		 * Set the defaults of reranking models.
		 * @param defaults the defaults
		 * @return this builder
		 */
		public Builder rerankDefaults(RerankDefaults defaults) {
			this.rerankDefaults = argument("rerankDefaults", defaults);
			return this;
		}

		/**
		 * Set the most bytes of one image sent inline in a message
		 * ({@link dev.customllm.completion.ContentPart#image(byte[], String)} or a
		 * {@code data:} URL); a request with a larger one fails with an
		 * {@link IllegalArgumentException} before it is sent.
		 * @param maxImageBytes the size in bytes, 20 MB by default
		 * @return this builder
		 */
		public Builder maxImageBytes(long maxImageBytes) {
			if (maxImageBytes < 1) {
				throw new IllegalArgumentException("maxImageBytes must be positive, but was " + maxImageBytes);
			}
			this.maxImageBytes = maxImageBytes;
			return this;
		}

		/**
		 * Adjust the Reactor Netty {@link HttpClient} under the client, after the
		 * connection settings are applied: for example to add a proxy, wiretap logging or
		 * Netty channel options. Replaces any customizer set before. Not for a client
		 * with an {@link #httpSender(HttpSender) HTTP sender}.
		 * @param httpClientCustomizer returns the adjusted client
		 * @return this builder
		 */
		public Builder httpClientCustomizer(UnaryOperator<HttpClient> httpClientCustomizer) {
			this.httpClientCustomizer = argument("httpClientCustomizer", httpClientCustomizer);
			return this;
		}

		/**
		 * Send the requests with an HTTP stack of the application's instead of the
		 * client's own Reactor Netty connection pool: for example Spring's
		 * {@code WebClient}, so that its filters add OAuth2 tokens or sign each request.
		 * The connections are then the sender's, with their pool, connect timeout and
		 * TLS: {@link #connectTimeout}, {@link #maxConnections}, {@link #maxIdleTime} are
		 * not used, {@link #sslContext} and {@link #httpClientCustomizer} cannot be set,
		 * and {@link CustomLlmClient#connectionPool()} counts nothing. The rest stays the
		 * client's: the response timeout (to the answer, then between the buffers of a
		 * body), the maximum response size, the headers and API key, retries, limits,
		 * streaming and metrics. Closing the client leaves the sender open.
		 * @param httpSender the sender, or {@code null} for the client's own connection
		 * pool
		 * @return this builder
		 */
		public Builder httpSender(@Nullable HttpSender httpSender) {
			this.httpSender = httpSender;
			return this;
		}

		/**
		 * Set when and how long to wait before retrying a failed request.
		 * @param retry the retry settings; {@link RetrySettings#NONE} for no retries
		 * @return this builder
		 */
		public Builder retry(RetrySettings retry) {
			this.retry = argument("retry", retry);
			return this;
		}

		/**
		 * Set the retry budget that caps retries across the calls of this client.
		 * @param retryBudget the budget
		 * @return this builder
		 */
		public Builder retryBudget(RetryBudget retryBudget) {
			this.retryBudget = argument("retryBudget", retryBudget);
			return this;
		}

		/**
		 * Set client-side limits on concurrent requests and request rate.
		 * @param rateLimits the limits
		 * @return this builder
		 */
		public Builder rateLimits(RateLimitSettings rateLimits) {
			this.rateLimits = argument("rateLimits", rateLimits);
			return this;
		}

		/**
		 * Set where the request-rate and token-rate limits are kept so that every
		 * instance sharing the store shares them, such as the {@code RedisRateLimitStore}
		 * of {@code custom-llm-redis}. By default they are kept inside this instance.
		 * @param rateLimitStore the store, or {@code null} for limits of this instance
		 * only
		 * @return this builder
		 */
		public Builder rateLimitStore(@Nullable RateLimitStore rateLimitStore) {
			this.rateLimitStore = rateLimitStore;
			return this;
		}

		/**
		 * Set the deadline of a whole unary call, retries and waits included. Streams are
		 * not bound by it.
		 * @param callTimeout the deadline
		 * @return this builder
		 */
		public Builder callTimeout(Duration callTimeout) {
			this.callTimeout = argument("callTimeout", callTimeout);
			return this;
		}

		/**
		 * Set the registry that observes every call as {@code gen_ai.client.operation}.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = argument("observationRegistry", observationRegistry);
			return this;
		}

		/**
		 * Set the registry of the client's meters: token usage, retries, limits, requests
		 * in flight, embedding batch sizes, stream time to first chunk. Without one no
		 * meter is kept, and a call costs nothing to observe unless the
		 * {@link #observationRegistry observation registry} observes it.
		 * @param meterRegistry the registry
		 * @return this builder
		 */
		public Builder meterRegistry(MeterRegistry meterRegistry) {
			this.meterRegistry = argument("meterRegistry", meterRegistry);
			return this;
		}

		/**
		 * Set a convention that replaces the default names and tags of observations.
		 * @param convention the convention
		 * @return this builder
		 */
		public Builder observationConvention(LlmObservationConvention convention) {
			this.observationConvention = argument("observationConvention", convention);
			return this;
		}

		/**
		 * Set the {@code gen_ai.provider.name} of the client's observations and meters.
		 * @param providerName the provider name, {@code custom} by default
		 * @return this builder
		 */
		public Builder providerName(String providerName) {
			this.providerName = argument("providerName", providerName);
			return this;
		}

		/**
		 * Set whether prompts and completions are recorded on spans (never on metrics).
		 * @param includeContent whether to record content
		 * @return this builder
		 */
		public Builder includeContent(boolean includeContent) {
			this.includeContent = includeContent;
			return this;
		}

		/**
		 * Log each HTTP attempt, for debugging, at INFO on the logger
		 * {@code dev.customllm.http}; off by default. Secret headers are always masked;
		 * {@link HttpLogLevel#BODY} logs prompts and answers, truncated.
		 * @param level how much to log
		 * @param maxBodyLength most characters of a body to log
		 * @return this builder
		 */
		public Builder httpLogging(HttpLogLevel level, int maxBodyLength) {
			this.httpLogLevel = argument("level", level);
			if (maxBodyLength < 0) {
				throw new IllegalArgumentException("maxBodyLength must not be negative, but was " + maxBodyLength);
			}
			this.httpLogMaxBodyLength = maxBodyLength;
			return this;
		}

		/**
		 * Set the most bytes that the answers of this client may hold in memory at once
		 * while they are read, so that many large answers arriving together fail fast
		 * ({@link LlmRequestException} of kind {@code CLIENT_LIMIT}) instead of
		 * exhausting the heap. By default, all clients without a budget of their own
		 * share one of a quarter of the maximum heap.
		 * @param bytes the budget, at least 1KB
		 * @return this builder
		 */
		public Builder maxBufferedResponseBytes(long bytes) {
			if (bytes < 1024) {
				throw new IllegalArgumentException("maxBufferedResponseBytes must be at least 1KB, but was " + bytes);
			}
			this.maxBufferedResponseBytes = bytes;
			return this;
		}

		/**
		 * Set the most tool calls one answer may hold; an answer with more fails with an
		 * {@link LlmResponseException}. The tool calls of a streamed answer, which the
		 * client puts together from their pieces, are also bounded by
		 * {@link #maxResponseSize(int)}; its text is handed on chunk by chunk and never
		 * held.
		 * @param maxToolCalls the maximum, 128 by default
		 * @return this builder
		 */
		public Builder maxToolCalls(int maxToolCalls) {
			if (maxToolCalls < 1) {
				throw new IllegalArgumentException("maxToolCalls must be at least 1, but was " + maxToolCalls);
			}
			this.maxToolCalls = maxToolCalls;
			return this;
		}

		/**
		 * Treat the value of a header as a secret: it is masked wherever a service echoes
		 * it back, as the API key is. {@code Authorization}, {@code Proxy-Authorization},
		 * {@code Cookie} and names ending in {@code api-key}, {@code -key},
		 * {@code -token} or {@code -secret} are secret without this.
		 * @param name the header name
		 * @return this builder
		 */
		public Builder secretHeader(String name) {
			this.secretHeaders.add(argument("secret header name", name));
			return this;
		}

		private static <T> T argument(String name, @Nullable T value) {
			if (value == null) {
				throw new IllegalArgumentException(name + " must not be null");
			}
			return value;
		}

		private List<String> configuredModels() {
			List<String> models = new ArrayList<>();
			if (this.completionDefaults.model() != null) {
				models.add(this.completionDefaults.model());
			}
			if (this.embeddingDefaults.model() != null) {
				models.add(this.embeddingDefaults.model());
			}
			if (this.rerankDefaults.model() != null) {
				models.add(this.rerankDefaults.model());
			}
			return models;
		}

		/**
		 * Build the client.
		 * @return the client
		 * @throws IllegalStateException if no base URL is set
		 * @throws IllegalArgumentException if a setting is invalid, or both an API key
		 * and credentials are set
		 */
		public CustomLlmClient build() {
			if (this.baseUrl == null) {
				throw new IllegalStateException("baseUrl is not set: there is no default service, call baseUrl(..)"
						+ " with the base URL of the LLM service, such as http://localhost:8000/v1");
			}
			if (this.credentials != null && this.apiKey != null && !this.apiKey.isBlank()) {
				throw new IllegalArgumentException("apiKey and credentials are both set: a client sends either a fixed"
						+ " API key or the credentials of its provider, not both");
			}
			HttpSettings settings = new HttpSettings(this.baseUrl, this.apiKey, this.headers, this.connectTimeout,
					this.responseTimeout, this.streamIdleTimeout, this.maxConnections, this.maxIdleTime,
					this.maxResponseSize, this.sslContext, this.secretHeaders,
					(this.maxBufferedResponseBytes != null) ? new ResponseMemory(this.maxBufferedResponseBytes)
							: ResponseMemory.shared(),
					(this.credentials != null) ? new CredentialsSource(this.credentials) : null);
			if (this.providerName == null || this.providerName.isBlank()) {
				throw new IllegalArgumentException("providerName must not be blank");
			}
			LlmTelemetry telemetry = new LlmTelemetry(this.observationRegistry, this.observationConvention,
					this.meterRegistry, this.providerName, this.includeContent, configuredModels());
			Resilience resilience = new Resilience(
					new ResilienceSettings(this.retry, this.retryBudget, this.rateLimits, this.callTimeout),
					telemetry.meters(), this.rateLimitStore);
			HttpTransport http = MaskingTransport
				.wrap(LoggingTransport.wrap(transport(settings), this.httpLogLevel, this.httpLogMaxBodyLength));
			HttpTransport transport = new ResilientTransport(http, resilience);
			CompletionContext completions = new CompletionContext(transport, telemetry, new StreamUsageNegotiation(),
					new ResponseFormatNegotiation(),
					new StreamLimits(settings.maxResponseSize(), this.maxToolCalls, settings.responseMemory()),
					this.maxImageBytes);
			return new CustomLlmClient(transport, resilience, telemetry, completions, this);
		}

		private HttpTransport transport(HttpSettings settings) {
			if (this.httpSender == null) {
				UnaryOperator<HttpClient> customizer = (this.httpClientCustomizer != null) ? this.httpClientCustomizer
						: UnaryOperator.identity();
				return HttpExchange.onNetty(settings, customizer, LlmJson.mapper(), LlmTelemetry.propagation());
			}
			if (this.sslContext != null || this.httpClientCustomizer != null) {
				throw new IllegalArgumentException("sslContext and httpClientCustomizer configure the client's own"
						+ " Reactor Netty connections: with an httpSender, configure TLS and proxies on the sender");
			}
			return new HttpExchange(settings, this.httpSender, LlmJson.mapper(), LlmTelemetry.propagation());
		}

	}

}
