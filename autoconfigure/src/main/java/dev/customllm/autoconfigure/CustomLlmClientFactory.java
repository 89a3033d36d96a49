package dev.customllm.autoconfigure;

import java.util.Objects;

import dev.customllm.CustomLlmClient;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.customllm.http.CredentialsProvider;
import dev.customllm.http.HttpSender;
import dev.customllm.observation.LlmObservationConvention;
import dev.customllm.resilience.RateLimitStore;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.ClassUtils;

/**
 * Creates a {@link CustomLlmClient} from properties and connection details, with the
 * application's SSL bundles, observation and meter registries, WebClient and customizers.
 * Shared by the default client and the named clients.
 *
 * @author Custom LLM team
 */
final class CustomLlmClientFactory {

	private static final String WEB_CLIENT = "org.springframework.web.reactive.function.client.WebClient";

	private static final String OAUTH2_CLIENT = "org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager";

	private final BeanFactory beanFactory;

	private final ObjectProvider<SslBundles> sslBundles;

	private final ObjectProvider<CustomLlmClientCustomizer> customizers;

	private final ObjectProvider<ObservationRegistry> observationRegistry;

	private final ObjectProvider<MeterRegistry> meterRegistry;

	private final ObjectProvider<LlmObservationConvention> observationConvention;

	private final ObjectProvider<RateLimitStoreFactory> rateLimitStores;

	private CustomLlmClientFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
		this.sslBundles = beanFactory.getBeanProvider(SslBundles.class);
		this.customizers = beanFactory.getBeanProvider(CustomLlmClientCustomizer.class);
		this.observationRegistry = beanFactory.getBeanProvider(ObservationRegistry.class);
		this.meterRegistry = beanFactory.getBeanProvider(MeterRegistry.class);
		this.observationConvention = beanFactory.getBeanProvider(LlmObservationConvention.class);
		this.rateLimitStores = beanFactory.getBeanProvider(RateLimitStoreFactory.class);
	}

	/**
	 * Create a factory that takes what it needs from a bean factory.
	 * @param beanFactory the bean factory
	 * @return the factory
	 */
	static CustomLlmClientFactory of(BeanFactory beanFactory) {
		return new CustomLlmClientFactory(beanFactory);
	}

	/**
	 * Create a client.
	 * @param prefix the property prefix of the client, for messages
	 * @param properties the client's properties
	 * @param connectionDetails where the service is and its key
	 * @return the client
	 * @throws CustomLlmConfigurationException if the configuration cannot be used
	 */
	CustomLlmClient create(String prefix, CustomLlmClientProperties properties,
			CustomLlmConnectionDetails connectionDetails) {
		try {
			CustomLlmClient.Builder builder = CustomLlmClient.builder();
			this.observationRegistry.ifAvailable(builder::observationRegistry);
			this.meterRegistry.ifAvailable(builder::meterRegistry);
			this.observationConvention.ifAvailable(builder::observationConvention);
			builder.rateLimitStore(rateLimitStore(prefix, properties));
			if (properties.getHttp().getClient() == CustomLlmClientProperties.Http.Client.WEBCLIENT) {
				builder.httpSender(webClientSender(prefix, properties));
			}
			new ClientBuilderConfigurer(prefix, properties, connectionDetails, this.sslBundles.getIfAvailable())
				.configure(builder);
			String registrationId = properties.getAuth().getOauth2().getRegistrationId();
			if (registrationId != null && !registrationId.isBlank()) {
				builder.credentials(oauth2Credentials(prefix, registrationId.strip()));
			}
			this.customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}
		catch (IllegalArgumentException ex) {
			throw CustomLlmConfigurationException.invalid(prefix,
					PropertyPaths.name(prefix, Objects.requireNonNullElse(ex.getMessage(), ex.toString())));
		}
	}

	private HttpSender webClientSender(String prefix, CustomLlmClientProperties properties) {
		if (properties.getSsl().getBundle() != null) {
			throw CustomLlmConfigurationException.invalid(prefix,
					prefix + ".ssl.bundle configures the client's own" + " connections; with " + prefix
							+ ".http.client=webclient, set the WebClient's SSL bundle"
							+ " (spring.http.clients.ssl.bundle) instead");
		}
		HttpSender sender = ClassUtils.isPresent(WEB_CLIENT, beanClassLoader())
				? WebClientHttpSender.fromApplication(this.beanFactory) : null;
		if (sender == null) {
			throw new CustomLlmConfigurationException(
					"'" + prefix + ".http.client' is webclient but the application has no WebClient.Builder bean",
					"Add spring-boot-starter-webclient to the application, or set '" + prefix + ".http.client=netty'.");
		}
		return sender;
	}

	private CredentialsProvider oauth2Credentials(String prefix, String registrationId) {
		if (!ClassUtils.isPresent(OAUTH2_CLIENT, beanClassLoader())) {
			throw new CustomLlmConfigurationException(
					"'" + prefix + ".auth.oauth2.registration-id' is set but Spring Security's OAuth2 client is not"
							+ " on the classpath",
					"Add org.springframework.boot:spring-boot-starter-security-oauth2-client to the application.");
		}
		return OAuth2Credentials.create(prefix, registrationId, this.beanFactory);
	}

	private @Nullable ClassLoader beanClassLoader() {
		return (this.beanFactory instanceof ConfigurableBeanFactory configurable) ? configurable.getBeanClassLoader()
				: null;
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
					"Add dev.customllm:custom-llm-spring-boot-starter-redis to the application and configure"
							+ " spring.data.redis.*, or set '" + prefix + ".rate-limit.store=local'.");
		}
		String keyPrefix = rateLimit.getRedis().getKeyPrefix();
		return factory.create(new RateLimitStoreFactory.Settings(
				(keyPrefix != null) ? keyPrefix : "custom-llm:" + properties.getProviderName(),
				rateLimit.getRedis().getTimeout()));
	}

}
