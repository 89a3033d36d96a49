package dev.customllm.autoconfigure;

import dev.customllm.CustomLlmClient;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.customllm.observation.LlmObservationConvention;
import dev.customllm.retry.RateLimitStore;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;

/**
 * Creates a {@link CustomLlmClient} from properties and connection details, with the
 * application's SSL bundles, observation and meter registries and customizers. Shared by the
 * default client and the named clients.
 *
 * @author Custom LLM team
 */
final class CustomLlmClientFactory {

	private final ObjectProvider<SslBundles> sslBundles;

	private final ObjectProvider<CustomLlmClientCustomizer> customizers;

	private final ObjectProvider<ObservationRegistry> observationRegistry;

	private final ObjectProvider<MeterRegistry> meterRegistry;

	private final ObjectProvider<LlmObservationConvention> observationConvention;

	private final ObjectProvider<RateLimitStoreFactory> rateLimitStores;

	CustomLlmClientFactory(ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<CustomLlmClientCustomizer> customizers, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<MeterRegistry> meterRegistry, ObjectProvider<LlmObservationConvention> observationConvention,
			ObjectProvider<RateLimitStoreFactory> rateLimitStores) {
		this.sslBundles = sslBundles;
		this.customizers = customizers;
		this.observationRegistry = observationRegistry;
		this.meterRegistry = meterRegistry;
		this.observationConvention = observationConvention;
		this.rateLimitStores = rateLimitStores;
	}

	/**
	 * Create a factory that takes what it needs from a bean factory.
	 * @param beanFactory the bean factory
	 * @return the factory
	 */
	static CustomLlmClientFactory of(BeanFactory beanFactory) {
		return new CustomLlmClientFactory(beanFactory.getBeanProvider(SslBundles.class), beanFactory.getBeanProvider(CustomLlmClientCustomizer.class),
				beanFactory.getBeanProvider(ObservationRegistry.class), beanFactory.getBeanProvider(MeterRegistry.class),
				beanFactory.getBeanProvider(LlmObservationConvention.class),
				beanFactory.getBeanProvider(RateLimitStoreFactory.class));
	}

	/**
	 * Create a client.
	 * @param prefix the property prefix of the client, for messages
	 * @param properties the client's properties
	 * @param connectionDetails where the service is and its key
	 * @return the client
	 * @throws CustomLlmConfigurationException if the configuration cannot be used
	 */
	CustomLlmClient create(String prefix, CustomLlmClientProperties properties, CustomLlmConnectionDetails connectionDetails) {
		try {
			CustomLlmClient.Builder builder = CustomLlmClient.builder();
			this.observationRegistry.ifAvailable(builder::observationRegistry);
			this.meterRegistry.ifAvailable(builder::meterRegistry);
			this.observationConvention.ifAvailable(builder::observationConvention);
			builder.rateLimitStore(rateLimitStore(prefix, properties));
			new ClientBuilderConfigurer(prefix, properties, connectionDetails, this.sslBundles.getIfAvailable())
				.configure(builder);
			this.customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}
		catch (IllegalArgumentException ex) {
			throw CustomLlmConfigurationException.invalid(prefix, ex.getMessage());
		}
	}

	private @Nullable RateLimitStore rateLimitStore(String prefix, CustomLlmClientProperties properties) {
		CustomLlmClientProperties.RateLimit rateLimit = properties.getRateLimit();
		if (rateLimit.getStore() != CustomLlmClientProperties.RateLimit.Store.REDIS) {
			return null;
		}
		RateLimitStoreFactory factory = this.rateLimitStores.getIfAvailable();
		if (factory == null) {
			throw new CustomLlmConfigurationException(
					"'" + prefix + ".rate-limit.store' is redis but no Redis connection is available",
					"Add spring-boot-starter-data-redis and com.bucket4j:bucket4j_jdk17-lettuce to the application"
							+ " and configure spring.data.redis.*, or set '" + prefix + ".rate-limit.store=local'.");
		}
		String keyPrefix = rateLimit.getRedis().getKeyPrefix();
		return factory.create(new RateLimitStoreFactory.Settings(
				(keyPrefix != null) ? keyPrefix : "custom-llm:" + properties.getProviderName(),
				rateLimit.getRedis().getTimeout()));
	}

}
