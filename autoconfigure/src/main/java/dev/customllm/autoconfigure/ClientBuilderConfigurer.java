package dev.customllm.autoconfigure;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;

import dev.customllm.CustomLlmClient;
import dev.customllm.completion.CompletionDefaults;
import dev.customllm.embedding.EmbeddingDefaults;
import dev.customllm.rerank.RerankDefaults;
import dev.customllm.resilience.RateLimitSettings;
import dev.customllm.resilience.RetryBudget;
import dev.customllm.resilience.RetrySettings;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.unit.DataSize;

/**
 * Applies the properties and connection details to a {@link CustomLlmClient.Builder}.
 *
 * @author Custom LLM team
 */
final class ClientBuilderConfigurer {

	private final String prefix;

	private final CustomLlmClientProperties properties;

	private final CustomLlmConnectionDetails connectionDetails;

	private final @Nullable SslBundles sslBundles;

	ClientBuilderConfigurer(String prefix, CustomLlmClientProperties properties,
			CustomLlmConnectionDetails connectionDetails, @Nullable SslBundles sslBundles) {
		this.prefix = prefix;
		this.properties = properties;
		this.connectionDetails = connectionDetails;
		this.sslBundles = sslBundles;
	}

	CustomLlmClient.Builder configure(CustomLlmClient.Builder builder) {
		String apiKey = apiKey();
		if (apiKey == null && isKeyRequired()) {
			throw CustomLlmConfigurationException.missingApiKey(this.prefix, this.connectionDetails.getBaseUrl());
		}
		builder.baseUrl(this.connectionDetails.getBaseUrl())
			.apiKey(apiKey)
			.connectTimeout(this.properties.getConnectTimeout())
			.responseTimeout(this.properties.getResponseTimeout())
			.streamIdleTimeout(this.properties.getStreamIdleTimeout())
			.maxConnections(this.properties.getMaxConnections())
			.maxIdleTime(this.properties.getMaxIdleTime())
			.maxResponseSize(maxResponseSize())
			.maxToolCalls(this.properties.getMaxToolCalls())
			.httpLogging(this.properties.getLogging().getLevel(), this.properties.getLogging().getMaxBodyLength())
			.callTimeout(this.properties.getCallTimeout())
			.providerName(this.properties.getProviderName())
			.includeContent(this.properties.getObservations().isIncludeContent())
			.retry(retrySettings())
			.retryBudget(retryBudget())
			.rateLimits(rateLimits())
			.completionDefaults(completionDefaults())
			.embeddingDefaults(embeddingDefaults())
			.maxImageBytes(this.properties.getCompletion().getMaxImageBytes().toBytes())
			.rerankDefaults(rerankDefaults());
		this.properties.getHeaders().forEach(builder::header);
		this.properties.getSecretHeaders().forEach(builder::secretHeader);
		DataSize budget = this.properties.getMaxBufferedResponseBytes();
		if (budget != null) {
			builder.maxBufferedResponseBytes(budget.toBytes());
		}
		String bundle = this.properties.getSsl().getBundle();
		if (bundle != null) {
			if (this.sslBundles == null) {
				throw CustomLlmConfigurationException.invalid(this.prefix,
						this.prefix + ".ssl.bundle is set but no SSL bundles exist");
			}
			builder.sslContext(sslContext(bundle, this.sslBundles));
		}
		return builder;
	}

	private SslContext sslContext(String bundle, SslBundles sslBundles) {
		try {
			return SslBundleContexts.create(sslBundles.getBundle(bundle));
		}
		catch (SSLException ex) {
			throw CustomLlmConfigurationException.invalid(this.prefix,
					this.prefix + ".ssl.bundle '" + bundle + "' cannot be used for TLS: " + ex.getMessage());
		}
	}

	private int maxResponseSize() {
		long bytes = this.properties.getMaxResponseSize().toBytes();
		if (bytes > Integer.MAX_VALUE) {
			throw CustomLlmConfigurationException.invalid(this.prefix,
					this.prefix + ".max-response-size must be at most"
							+ " 2GB (one answer is held in one array), but was "
							+ this.properties.getMaxResponseSize().toMegabytes() + "MB");
		}
		return (int) bytes;
	}

	/**
	 * Return the key to send: none with an OAuth2 registration, which a configured key
	 * contradicts (the CUSTOM_API_KEY variable, a default for keys, is not used then).
	 */
	private @Nullable String apiKey() {
		String registrationId = this.properties.getAuth().getOauth2().getRegistrationId();
		if (!hasText(registrationId)) {
			String apiKey = this.connectionDetails.getApiKey();
			return hasText(apiKey) ? apiKey : null;
		}
		String configured = (this.connectionDetails instanceof PropertiesCustomLlmConnectionDetails)
				? this.properties.getApiKey() : this.connectionDetails.getApiKey();
		if (hasText(configured)) {
			throw CustomLlmConfigurationException.keyAndOAuth2(this.prefix);
		}
		return null;
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

	private boolean isKeyRequired() {
		// a ConnectionDetails bean (a service connection, a simulator) knows whether it
		// has a key
		return this.properties.isApiKeyRequired() && !hasText(this.properties.getAuth().getOauth2().getRegistrationId())
				&& this.connectionDetails instanceof PropertiesCustomLlmConnectionDetails;
	}

	private RetrySettings retrySettings() {
		CustomLlmClientProperties.Retry retry = this.properties.getRetry();
		return RetrySettings.builder()
			.maxRetries(retry.getMaxRetries())
			.delay(retry.getDelay())
			.multiplier(retry.getMultiplier())
			.maxDelay(retry.getMaxDelay())
			.jitter(retry.getJitter())
			.maxRetryAfter(retry.getMaxRetryAfter())
			.build();
	}

	private RetryBudget retryBudget() {
		CustomLlmClientProperties.Budget budget = this.properties.getRetry().getBudget();
		return new RetryBudget(budget.getCapacity(), budget.getRetryCost(), budget.getTimeoutCost());
	}

	private RateLimitSettings rateLimits() {
		CustomLlmClientProperties.RateLimit limit = this.properties.getRateLimit();
		return RateLimitSettings.builder()
			.maxConcurrentRequests(limit.getMaxConcurrentRequests())
			.requestsPerSecond(limit.getRequestsPerSecond())
			.tokensPerMinute(limit.getTokensPerMinute())
			.maxWait(limit.getMaxWait())
			.onStoreFailure(limit.getOnStoreFailure())
			.expectedInstances(limit.getExpectedInstances())
			.build();
	}

	private CompletionDefaults completionDefaults() {
		CustomLlmClientProperties.Completion completion = this.properties.getCompletion();
		return CompletionDefaults.builder()
			.model(completion.getModel())
			.temperature(completion.getTemperature())
			.maxTokens(completion.getMaxTokens())
			.api(completion.getApi())
			.path(completion.getPath())
			.splitThinkTags(completion.isSplitThinkTags())
			.build();
	}

	private EmbeddingDefaults embeddingDefaults() {
		CustomLlmClientProperties.Embedding embedding = this.properties.getEmbedding();
		return EmbeddingDefaults.builder()
			.model(embedding.getModel())
			.dimensions(embedding.getDimensions())
			.requestDimensions(embedding.isRequestDimensions())
			.batchSize(embedding.getBatchSize())
			.maxConcurrency(embedding.getMaxConcurrency())
			.encodingFormat(embedding.getEncodingFormat())
			.path(embedding.getPath())
			.build();
	}

	private RerankDefaults rerankDefaults() {
		CustomLlmProperties.Rerank rerank = this.properties.getRerank();
		return RerankDefaults.builder()
			.model(rerank.getModel())
			.path(rerank.getPath())
			.batchSize(rerank.getBatchSize())
			.maxConcurrency(rerank.getMaxConcurrency())
			.build();
	}

}
