package dev.customllm.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.customllm.completion.CompletionApi;
import dev.customllm.embedding.EncodingFormat;
import dev.customllm.http.HttpLogLevel;
import dev.customllm.resilience.StoreFailureAction;

import org.springframework.util.unit.DataSize;

/**
 * Properties of one LLM client: the default client ({@code custom.llm.*}, see
 * {@link CustomLlmProperties}) and each named client
 * ({@code custom.llm.clients.<name>.*}). A named client starts from the values of
 * {@code custom.llm.*}, except its provider name and Redis key prefix, and overrides what
 * it sets.
 *
 * @author Custom LLM team
 * @see CustomLlmProperties#getClients()
 * @since 0.1.0
 */
public class CustomLlmClientProperties {

	/**
	 * Base URL of the OpenAI-compatible service, usually ending in /v1. Required: there
	 * is no default service. Falls back to the CUSTOM_BASE_URL environment variable.
	 */
	private @Nullable String baseUrl;

	/**
	 * API key sent as a bearer token. Falls back to the CUSTOM_API_KEY environment
	 * variable.
	 */
	private @Nullable String apiKey;

	/**
	 * Whether an API key is required. Set to false for a service that needs none, such as
	 * a local Ollama or vLLM.
	 */
	private boolean apiKeyRequired = true;

	/**
	 * Extra headers sent on every request.
	 */
	private Map<String, String> headers = new LinkedHashMap<>();

	/**
	 * Maximum time to establish a connection.
	 */
	private Duration connectTimeout = Duration.ofSeconds(10);

	/**
	 * Maximum time to wait for the first byte of an answer (the first chunk of a stream),
	 * and between its bytes.
	 */
	private Duration responseTimeout = Duration.ofSeconds(60);

	/**
	 * Maximum time between two chunks of a stream. Streams have no total timeout.
	 */
	private Duration streamIdleTimeout = Duration.ofSeconds(60);

	/**
	 * Maximum number of pooled connections to the service.
	 */
	private int maxConnections = 100;

	/**
	 * Time after which an idle pooled connection is closed. Keep it below the service's
	 * keep-alive timeout (5s for uvicorn-based servers such as vLLM).
	 */
	private Duration maxIdleTime = Duration.ofSeconds(4);

	/**
	 * Maximum size of an answer held in memory; a larger answer is an error.
	 */
	private DataSize maxResponseSize = DataSize.ofMegabytes(32);

	/**
	 * Most bytes the answers of this client may hold in memory at once while they are
	 * read; past it, calls fail fast. Unset, all clients share a budget of a quarter of
	 * the maximum heap.
	 */
	private @Nullable DataSize maxBufferedResponseBytes;

	/**
	 * Most tool calls one answer may hold; an answer with more is an error.
	 */
	private int maxToolCalls = 128;

	/**
	 * Names of further headers whose values are secrets, masked like the API key.
	 * Authorization, Proxy-Authorization, Cookie and names ending in api-key, -key,
	 * -token or -secret are secret without this.
	 */
	private List<String> secretHeaders = new ArrayList<>();

	/**
	 * Deadline of a whole unary call, retries and waits included. Streams are not bound
	 * by it.
	 */
	private Duration callTimeout = Duration.ofMinutes(5);

	/**
	 * Value of the gen_ai.provider.name tag of observations and meters. Named clients use
	 * their name unless they set their own.
	 */
	private String providerName = "custom";

	private final Ssl ssl = new Ssl();

	private final Http http = new Http();

	private final Auth auth = new Auth();

	private final Logging logging = new Logging();

	private final Observations observations = new Observations();

	private final Health health = new Health();

	private final Retry retry = new Retry();

	private final RateLimit rateLimit = new RateLimit();

	private final Completion completion = new Completion();

	private final Embedding embedding = new Embedding();

	private final Rerank rerank = new Rerank();

	public @Nullable String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(@Nullable String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public boolean isApiKeyRequired() {
		return this.apiKeyRequired;
	}

	public void setApiKeyRequired(boolean apiKeyRequired) {
		this.apiKeyRequired = apiKeyRequired;
	}

	public Map<String, String> getHeaders() {
		return this.headers;
	}

	public void setHeaders(Map<String, String> headers) {
		this.headers = headers;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getResponseTimeout() {
		return this.responseTimeout;
	}

	public void setResponseTimeout(Duration responseTimeout) {
		this.responseTimeout = responseTimeout;
	}

	public Duration getStreamIdleTimeout() {
		return this.streamIdleTimeout;
	}

	public void setStreamIdleTimeout(Duration streamIdleTimeout) {
		this.streamIdleTimeout = streamIdleTimeout;
	}

	public int getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(int maxConnections) {
		this.maxConnections = maxConnections;
	}

	public Duration getMaxIdleTime() {
		return this.maxIdleTime;
	}

	public void setMaxIdleTime(Duration maxIdleTime) {
		this.maxIdleTime = maxIdleTime;
	}

	public DataSize getMaxResponseSize() {
		return this.maxResponseSize;
	}

	public void setMaxResponseSize(DataSize maxResponseSize) {
		this.maxResponseSize = maxResponseSize;
	}

	public @Nullable DataSize getMaxBufferedResponseBytes() {
		return this.maxBufferedResponseBytes;
	}

	public void setMaxBufferedResponseBytes(@Nullable DataSize maxBufferedResponseBytes) {
		this.maxBufferedResponseBytes = maxBufferedResponseBytes;
	}

	public int getMaxToolCalls() {
		return this.maxToolCalls;
	}

	public void setMaxToolCalls(int maxToolCalls) {
		this.maxToolCalls = maxToolCalls;
	}

	public List<String> getSecretHeaders() {
		return this.secretHeaders;
	}

	public void setSecretHeaders(List<String> secretHeaders) {
		this.secretHeaders = secretHeaders;
	}

	public Duration getCallTimeout() {
		return this.callTimeout;
	}

	public void setCallTimeout(Duration callTimeout) {
		this.callTimeout = callTimeout;
	}

	public String getProviderName() {
		return this.providerName;
	}

	public void setProviderName(String providerName) {
		this.providerName = providerName;
	}

	public Observations getObservations() {
		return this.observations;
	}

	public Health getHealth() {
		return this.health;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Http getHttp() {
		return this.http;
	}

	public Auth getAuth() {
		return this.auth;
	}

	public Logging getLogging() {
		return this.logging;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public RateLimit getRateLimit() {
		return this.rateLimit;
	}

	public Completion getCompletion() {
		return this.completion;
	}

	public Embedding getEmbedding() {
		return this.embedding;
	}

	public Rerank getRerank() {
		return this.rerank;
	}

	/**
	 * TLS settings.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) for TLS or mutual TLS to the
		 * service.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * Request and response logging, for debugging.
	 */
	public static class Logging {

		/**
		 * How much of each HTTP attempt to log at INFO on the logger dev.customllm.http:
		 * none, basic (method, URL, status, latency), headers (and request headers,
		 * secret ones masked) or body (and bodies, truncated: they hold prompts and
		 * answers).
		 */
		private HttpLogLevel level = HttpLogLevel.NONE;

		/**
		 * Most characters of a body to log.
		 */
		private int maxBodyLength = 2000;

		public HttpLogLevel getLevel() {
			return this.level;
		}

		public void setLevel(HttpLogLevel level) {
			this.level = level;
		}

		public int getMaxBodyLength() {
			return this.maxBodyLength;
		}

		public void setMaxBodyLength(int maxBodyLength) {
			this.maxBodyLength = maxBodyLength;
		}

	}

	/**
	 * HTTP client that sends the requests.
	 */
	public static class Http {

		/**
		 * HTTP client that sends the requests: the client's own Reactor Netty connection
		 * pool, or a WebClient built from the application's WebClient.Builder, so that
		 * its customizers and filters (OAuth2 tokens, request signing, proxies) apply to
		 * every call. With webclient, the connections are the WebClient's:
		 * connect-timeout, max-connections, max-idle-time and ssl.bundle are not used.
		 */
		private Client client = Client.NETTY;

		public Client getClient() {
			return this.client;
		}

		public void setClient(Client client) {
			this.client = client;
		}

		/**
		 * HTTP clients that can send the requests.
		 */
		public enum Client {

			/**
			 * The client's own Reactor Netty connection pool, the fastest.
			 */
			NETTY,

			/**
			 * A WebClient built from the application's WebClient.Builder
			 * (spring-boot-starter-webclient).
			 */
			WEBCLIENT

		}

	}

	/**
	 * Credentials of the client other than a fixed API key.
	 */
	public static class Auth {

		private final OAuth2 oauth2 = new OAuth2();

		public OAuth2 getOauth2() {
			return this.oauth2;
		}

		/**
		 * OAuth2 access tokens from Spring Security's OAuth2 client, for this client
		 * only.
		 */
		public static class OAuth2 {

			/**
			 * Registration (spring.security.oauth2.client.registration.<id>, grant type
			 * client_credentials) whose access token is sent as the bearer token of every
			 * attempt, renewed when it expires or is refused. Excludes api-key. Needs
			 * spring-boot-starter-security-oauth2-client.
			 */
			private @Nullable String registrationId;

			public @Nullable String getRegistrationId() {
				return this.registrationId;
			}

			public void setRegistrationId(@Nullable String registrationId) {
				this.registrationId = registrationId;
			}

		}

	}

	/**
	 * Defaults of the completion model; each request may override them.
	 */
	public static class Completion {

		/**
		 * Model name sent with completion requests. When unset, the service chooses.
		 */
		private @Nullable String model;

		/**
		 * Maximum size of one image sent inline in a message; a request with a larger one
		 * fails before it is sent.
		 */
		private DataSize maxImageBytes = DataSize.ofMegabytes(20);

		/**
		 * Sampling temperature, between 0 and 2. When unset, the service's default
		 * applies.
		 */
		private @Nullable Double temperature;

		/**
		 * Maximum number of tokens to generate. When unset, the service's default
		 * applies.
		 */
		private @Nullable Integer maxTokens;

		/**
		 * Completion API to call: chat (/chat/completions), text (/completions) or
		 * responses (/responses, OpenAI's Responses API, stateless: store false, the
		 * whole conversation sent each time).
		 */
		private CompletionApi api = CompletionApi.CHAT;

		/**
		 * Endpoint path, relative to the base URL. When unset, /chat/completions,
		 * /completions or /responses according to the API.
		 */
		private @Nullable String path;

		/**
		 * Whether to split a leading <think>...</think> out of the answers' text into
		 * their reasoning, for servers that run a reasoning model without a reasoning
		 * parser.
		 */
		private boolean splitThinkTags;

		public @Nullable String getModel() {
			return this.model;
		}

		public void setModel(@Nullable String model) {
			this.model = model;
		}

		public @Nullable Double getTemperature() {
			return this.temperature;
		}

		public void setTemperature(@Nullable Double temperature) {
			this.temperature = temperature;
		}

		public @Nullable Integer getMaxTokens() {
			return this.maxTokens;
		}

		public void setMaxTokens(@Nullable Integer maxTokens) {
			this.maxTokens = maxTokens;
		}

		public CompletionApi getApi() {
			return this.api;
		}

		public void setApi(CompletionApi api) {
			this.api = api;
		}

		public @Nullable String getPath() {
			return this.path;
		}

		public void setPath(@Nullable String path) {
			this.path = path;
		}

		public boolean isSplitThinkTags() {
			return this.splitThinkTags;
		}

		public void setSplitThinkTags(boolean splitThinkTags) {
			this.splitThinkTags = splitThinkTags;
		}

		public DataSize getMaxImageBytes() {
			return this.maxImageBytes;
		}

		public void setMaxImageBytes(DataSize maxImageBytes) {
			this.maxImageBytes = maxImageBytes;
		}

	}

	/**
	 * Settings of the embedding model.
	 */
	public static class Embedding {

		/**
		 * Model name sent with embedding requests. When unset, the service chooses.
		 */
		private @Nullable String model;

		/**
		 * Expected vector length, checked on every answer. When unset, all vectors of one
		 * call must only have the same length.
		 */
		private @Nullable Integer dimensions;

		/**
		 * Whether to send the dimensions in the request, for models that can shorten
		 * their vectors (OpenAI text-embedding-3).
		 */
		private boolean requestDimensions;

		/**
		 * Maximum number of texts sent in one request.
		 */
		private int batchSize = 256;

		/**
		 * Maximum number of batch requests in flight for one call.
		 */
		private int maxConcurrency = 4;

		/**
		 * Encoding to ask vectors in. Base64 is a quarter of the bytes to parse; a
		 * service that refuses it is asked for float from then on.
		 */
		private EncodingFormat encodingFormat = EncodingFormat.BASE64;

		/**
		 * Endpoint path, relative to the base URL.
		 */
		private String path = "/embeddings";

		public @Nullable String getModel() {
			return this.model;
		}

		public void setModel(@Nullable String model) {
			this.model = model;
		}

		public @Nullable Integer getDimensions() {
			return this.dimensions;
		}

		public void setDimensions(@Nullable Integer dimensions) {
			this.dimensions = dimensions;
		}

		public boolean isRequestDimensions() {
			return this.requestDimensions;
		}

		public void setRequestDimensions(boolean requestDimensions) {
			this.requestDimensions = requestDimensions;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

		public int getMaxConcurrency() {
			return this.maxConcurrency;
		}

		public void setMaxConcurrency(int maxConcurrency) {
			this.maxConcurrency = maxConcurrency;
		}

		public EncodingFormat getEncodingFormat() {
			return this.encodingFormat;
		}

		public void setEncodingFormat(EncodingFormat encodingFormat) {
			this.encodingFormat = encodingFormat;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

	}

	/**
	 * Retries of failed requests.
	 */
	public static class Retry {

		/**
		 * Maximum number of retries after the first attempt. 0 disables retries.
		 */
		private int maxRetries = 2;

		/**
		 * Delay before the first retry.
		 */
		private Duration delay = Duration.ofMillis(500);

		/**
		 * Factor applied to the delay after each retry.
		 */
		private double multiplier = 2;

		/**
		 * Maximum delay between two attempts.
		 */
		private Duration maxDelay = Duration.ofSeconds(8);

		/**
		 * Fraction of each delay, from 0 to 1, by which it is randomly shortened.
		 */
		private double jitter = 0.25;

		/**
		 * Longest Retry-After the client waits for; a service that asks for longer fails
		 * the call at once.
		 */
		private Duration maxRetryAfter = Duration.ofSeconds(60);

		private final Budget budget = new Budget();

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Duration getDelay() {
			return this.delay;
		}

		public void setDelay(Duration delay) {
			this.delay = delay;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

		public Duration getMaxRetryAfter() {
			return this.maxRetryAfter;
		}

		public void setMaxRetryAfter(Duration maxRetryAfter) {
			this.maxRetryAfter = maxRetryAfter;
		}

		public Budget getBudget() {
			return this.budget;
		}

	}

	/**
	 * Retry budget: a token bucket that stops retries from multiplying the load on a
	 * failing service.
	 */
	public static class Budget {

		/**
		 * Tokens in a full budget. Each successful call returns one. 0 disables the
		 * budget.
		 */
		private int capacity = 500;

		/**
		 * Tokens a retry spends.
		 */
		private int retryCost = 5;

		/**
		 * Tokens a retry after a timeout spends.
		 */
		private int timeoutCost = 10;

		public int getCapacity() {
			return this.capacity;
		}

		public void setCapacity(int capacity) {
			this.capacity = capacity;
		}

		public int getRetryCost() {
			return this.retryCost;
		}

		public void setRetryCost(int retryCost) {
			this.retryCost = retryCost;
		}

		public int getTimeoutCost() {
			return this.timeoutCost;
		}

		public void setTimeoutCost(int timeoutCost) {
			this.timeoutCost = timeoutCost;
		}

	}

	/**
	 * Client-side limits, shared by all models of the client.
	 */
	public static class RateLimit {

		/**
		 * Maximum number of requests in flight at once. When unset, only the connection
		 * pool limits it.
		 */
		private @Nullable Integer maxConcurrentRequests;

		/**
		 * Maximum number of requests started per second. When unset, there is no limit.
		 */
		private @Nullable Double requestsPerSecond;

		/**
		 * Maximum number of tokens (prompt and completion) per minute. A call reserves an
		 * estimate before it starts (prompt characters / 4 plus its max tokens) and is
		 * settled against the usage the service reports. When unset, there is no limit.
		 */
		private @Nullable Long tokensPerMinute;

		/**
		 * Longest time a call waits for a permit before it fails with an
		 * LlmRequestException.
		 */
		private Duration maxWait = Duration.ofSeconds(30);

		/**
		 * Where the request-rate and token-rate limits are kept: inside each instance, or
		 * in Redis, shared by every instance with the same key prefix.
		 */
		private Store store = Store.LOCAL;

		/**
		 * What the rate limits do while their Redis store is unreachable: fall back to
		 * limits per instance, or reject calls.
		 */
		private StoreFailureAction onStoreFailure = StoreFailureAction.LOCAL;

		/**
		 * How many instances share the limits, for each instance's fair share (limit /
		 * instances) while the store is unreachable with on-store-failure=local. The
		 * larger of this and the count of instances that last sent heartbeats to the
		 * store is used. When unset, the count of heartbeats alone.
		 */
		private @Nullable Integer expectedInstances;

		/**
		 * Whether the client's health is OUT_OF_SERVICE (and the application not ready)
		 * while its store is unreachable and on-store-failure=reject refuses every call,
		 * so that a load balancer sends the traffic to other instances.
		 */
		private boolean outOfServiceWhileRejecting = true;

		private final Redis redis = new Redis();

		public @Nullable Integer getExpectedInstances() {
			return this.expectedInstances;
		}

		public void setExpectedInstances(@Nullable Integer expectedInstances) {
			this.expectedInstances = expectedInstances;
		}

		public boolean isOutOfServiceWhileRejecting() {
			return this.outOfServiceWhileRejecting;
		}

		public void setOutOfServiceWhileRejecting(boolean outOfServiceWhileRejecting) {
			this.outOfServiceWhileRejecting = outOfServiceWhileRejecting;
		}

		public @Nullable Long getTokensPerMinute() {
			return this.tokensPerMinute;
		}

		public void setTokensPerMinute(@Nullable Long tokensPerMinute) {
			this.tokensPerMinute = tokensPerMinute;
		}

		public Store getStore() {
			return this.store;
		}

		public void setStore(Store store) {
			this.store = store;
		}

		public StoreFailureAction getOnStoreFailure() {
			return this.onStoreFailure;
		}

		public void setOnStoreFailure(StoreFailureAction onStoreFailure) {
			this.onStoreFailure = onStoreFailure;
		}

		public Redis getRedis() {
			return this.redis;
		}

		public @Nullable Integer getMaxConcurrentRequests() {
			return this.maxConcurrentRequests;
		}

		public void setMaxConcurrentRequests(@Nullable Integer maxConcurrentRequests) {
			this.maxConcurrentRequests = maxConcurrentRequests;
		}

		public @Nullable Double getRequestsPerSecond() {
			return this.requestsPerSecond;
		}

		public void setRequestsPerSecond(@Nullable Double requestsPerSecond) {
			this.requestsPerSecond = requestsPerSecond;
		}

		public Duration getMaxWait() {
			return this.maxWait;
		}

		public void setMaxWait(Duration maxWait) {
			this.maxWait = maxWait;
		}

		/**
		 * Where rate limits are kept.
		 */
		public enum Store {

			/**
			 * Inside each instance.
			 */
			LOCAL,

			/**
			 * In Redis, through Spring Boot's spring.data.redis.* connection.
			 */
			REDIS

		}

		/**
		 * Rate limits kept in Redis.
		 */
		public static class Redis {

			/**
			 * Prefix of the client's keys; every instance whose client has the same
			 * prefix shares its limits. Defaults to "custom-llm:" followed by the
			 * provider name. Named clients do not inherit it.
			 */
			private @Nullable String keyPrefix;

			/**
			 * Longest wait for an answer from Redis. A request without one is followed by
			 * a probe; Redis counts as unreachable when the probe gets no answer either.
			 */
			private Duration timeout = Duration.ofMillis(500);

			public @Nullable String getKeyPrefix() {
				return this.keyPrefix;
			}

			public void setKeyPrefix(@Nullable String keyPrefix) {
				this.keyPrefix = keyPrefix;
			}

			public Duration getTimeout() {
				return this.timeout;
			}

			public void setTimeout(Duration timeout) {
				this.timeout = timeout;
			}

		}

	}

	/**
	 * Observations of calls.
	 */
	public static class Observations {

		/**
		 * Whether prompts and completions are recorded on spans. They never become metric
		 * tags.
		 */
		private boolean includeContent;

		public boolean isIncludeContent() {
			return this.includeContent;
		}

		public void setIncludeContent(boolean includeContent) {
			this.includeContent = includeContent;
		}

	}

	/**
	 * Actuator health of the service.
	 */
	public static class Health {

		/**
		 * Endpoint path probed for health, relative to the base URL.
		 */
		private String path = "/models";

		/**
		 * How long a health result is reused before the service is probed again.
		 */
		private Duration cacheTime = Duration.ofSeconds(30);

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public Duration getCacheTime() {
			return this.cacheTime;
		}

		public void setCacheTime(Duration cacheTime) {
			this.cacheTime = cacheTime;
		}

	}

	/**
	 * Settings of the reranking model ({@code POST /rerank}).
	 */
	public static class Rerank {

		/**
		 * Model name sent with rerank requests. When set, a RerankModel bean is defined.
		 */
		private @Nullable String model;

		/**
		 * Endpoint path, relative to the base URL, such as /rerank or /v1/rerank.
		 */
		private String path = "/rerank";

		/**
		 * Maximum number of documents sent in one request; larger inputs are split and
		 * the results merged by score.
		 */
		private int batchSize = 32;

		/**
		 * Maximum number of batch requests in flight for one call.
		 */
		private int maxConcurrency = 4;

		public @Nullable String getModel() {
			return this.model;
		}

		public void setModel(@Nullable String model) {
			this.model = model;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

		public int getMaxConcurrency() {
			return this.maxConcurrency;
		}

		public void setMaxConcurrency(int maxConcurrency) {
			this.maxConcurrency = maxConcurrency;
		}

	}

}
