package dev.customllm.autoconfigure;

import java.util.function.Consumer;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.customllm.http.Credentials;
import dev.customllm.http.CredentialsProvider;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;

/**
 * The credentials of one LLM client from Spring Security's OAuth2 client
 * ({@code <prefix>.auth.oauth2.registration-id}): an access token of the client
 * credentials grant, asked for on every attempt from an authorized-client manager of its
 * own, cached until it expires and dropped when the service refuses it. Nothing is added
 * to the application's {@code WebClient.Builder} or security configuration. Uses the
 * application's client registrations and authorized-client service: the servlet ones, or
 * the reactive ones in a reactive application.
 *
 * @author Custom LLM team
 */
final class OAuth2Credentials implements CredentialsProvider {

	private final Mono<Credentials> credentials;

	private final Consumer<Credentials> rejected;

	private OAuth2Credentials(Mono<OAuth2AuthorizedClient> authorized, Consumer<Credentials> rejected) {
		this.credentials = authorized.map((client) -> Credentials.bearer(client.getAccessToken().getTokenValue()));
		this.rejected = rejected;
	}

	/**
	 * Create the credentials of a client.
	 * @param prefix the property prefix of the client, also the principal its tokens are
	 * kept under
	 * @param registrationId the client registration
	 * @param beanFactory the application's bean factory
	 * @return the credentials
	 * @throws CustomLlmConfigurationException if the registration does not exist
	 */
	static CredentialsProvider create(String prefix, String registrationId, BeanFactory beanFactory) {
		OAuth2AuthorizeRequest request = OAuth2AuthorizeRequest.withClientRegistrationId(registrationId)
			.principal(prefix)
			.build();
		ClientRegistrationRepository registrations = beanFactory.getBeanProvider(ClientRegistrationRepository.class)
			.getIfAvailable();
		if (registrations != null) {
			requireRegistration(prefix, registrationId, registrations.findByRegistrationId(registrationId) != null);
			return blocking(request, registrations, beanFactory);
		}
		ReactiveClientRegistrationRepository reactive = beanFactory
			.getBeanProvider(ReactiveClientRegistrationRepository.class)
			.getIfAvailable();
		if (reactive == null) {
			throw missingRegistration(prefix, registrationId);
		}
		requireRegistration(prefix, registrationId,
				reactive.findByRegistrationId(registrationId).blockOptional().isPresent());
		return reactive(request, reactive, beanFactory);
	}

	private static CredentialsProvider blocking(OAuth2AuthorizeRequest request,
			ClientRegistrationRepository registrations, BeanFactory beanFactory) {
		OAuth2AuthorizedClientService service = beanFactory.getBeanProvider(OAuth2AuthorizedClientService.class)
			.getIfAvailable(() -> new InMemoryOAuth2AuthorizedClientService(registrations));
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				registrations, service);
		manager
			.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
		// the token endpoint is called on a thread that may block, never on the caller's
		Mono<OAuth2AuthorizedClient> authorized = Mono.fromCallable(() -> manager.authorize(request))
			.subscribeOn(Schedulers.boundedElastic());
		return new OAuth2Credentials(authorized, (refused) -> service
			.removeAuthorizedClient(request.getClientRegistrationId(), request.getPrincipal().getName()));
	}

	private static CredentialsProvider reactive(OAuth2AuthorizeRequest request,
			ReactiveClientRegistrationRepository registrations, BeanFactory beanFactory) {
		ReactiveOAuth2AuthorizedClientService service = beanFactory
			.getBeanProvider(ReactiveOAuth2AuthorizedClientService.class)
			.getIfAvailable(() -> new InMemoryReactiveOAuth2AuthorizedClientService(registrations));
		AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(
				registrations, service);
		manager.setAuthorizedClientProvider(
				ReactiveOAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
		return new OAuth2Credentials(Mono.defer(() -> manager.authorize(request)),
				(refused) -> service
					.removeAuthorizedClient(request.getClientRegistrationId(), request.getPrincipal().getName())
					.subscribe());
	}

	private static void requireRegistration(String prefix, String registrationId, boolean exists) {
		if (!exists) {
			throw missingRegistration(prefix, registrationId);
		}
	}

	private static CustomLlmConfigurationException missingRegistration(String prefix, String registrationId) {
		return new CustomLlmConfigurationException(
				"'" + prefix + ".auth.oauth2.registration-id' is '" + registrationId
						+ "' but the application has no OAuth2 client registration of that id",
				"Configure 'spring.security.oauth2.client.registration." + registrationId
						+ ".*' (client-id, client-secret, authorization-grant-type=client_credentials) and"
						+ " 'spring.security.oauth2.client.provider.*' (token-uri), with"
						+ " spring-boot-starter-security-oauth2-client on the classpath.");
	}

	@Override
	public Mono<Credentials> credentials() {
		return this.credentials;
	}

	@Override
	public void rejected(Credentials credentials) {
		this.rejected.accept(credentials);
	}

}
