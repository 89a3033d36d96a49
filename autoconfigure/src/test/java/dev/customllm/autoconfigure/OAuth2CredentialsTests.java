package dev.customllm.autoconfigure;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.customllm.CustomLlmClient;
import dev.customllm.completion.CompletionModel;
import dev.customllm.test.LlmFault;
import dev.customllm.test.LlmRequest;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@code custom.llm.auth.oauth2.registration-id}: a fake token endpoint's
 * access token on every attempt of the LLM client, on either transport, and on no other
 * WebClient of the application.
 */
@ExtendWith(LlmSimulatorExtension.class)
class OAuth2CredentialsTests {

	private static final WireMockServer identityProvider = new WireMockServer(
			options().dynamicPort().bindAddress("127.0.0.1"));

	private static LlmSimulator simulator;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OAuth2ClientAutoConfiguration.class, WebClientAutoConfiguration.class,
				CustomLlmAutoConfiguration.class))
		.withPropertyValues("spring.security.oauth2.client.registration.llm.client-id=llm-app",
				"spring.security.oauth2.client.registration.llm.client-secret=app-secret-9f3e",
				"spring.security.oauth2.client.registration.llm.authorization-grant-type=client_credentials",
				"spring.security.oauth2.client.registration.llm.provider=idp", "custom.llm.retry.delay=10ms",
				"custom.llm.retry.max-delay=20ms");

	@BeforeAll
	static void start(LlmSimulator llm) {
		simulator = llm;
		identityProvider.start();
	}

	@AfterAll
	static void stop() {
		identityProvider.stop();
	}

	@BeforeEach
	void issueTokens() {
		identityProvider.resetAll();
		identityProvider.stubFor(post(urlPathEqualTo("/oauth2/token"))
			.willReturn(okJson("{\"access_token\":\"at-7c41e2\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
		identityProvider.stubFor(any(urlPathEqualTo("/other")).willReturn(aResponse().withStatus(200).withBody("ok")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "netty", "webclient" })
	void tokenOnEveryAttemptOfTheLlmClientAndOnNoOtherWebClient(String transport) {
		this.contextRunner
			.withPropertyValues(idp(), "custom.llm.base-url=" + simulator.baseUrl(),
					"custom.llm.http.client=" + transport, "custom.llm.auth.oauth2.registration-id=llm")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				simulator.chat().once().fails(LlmFault.unavailable());
				assertThat(context.getBean(CompletionModel.class).complete("Hello")).isNotBlank();
				assertThat(context.getBean(CompletionModel.class).complete("Again")).isNotBlank();
				assertThat(simulator.chatRequests()).hasSize(3)
					.extracting((request) -> request.header("Authorization"))
					.containsOnly("Bearer at-7c41e2");
				// cached until it expires: one token for three attempts
				identityProvider.verify(1, postRequestedFor(urlPathEqualTo("/oauth2/token")));
				String other = context.getBean(WebClient.Builder.class)
					.build()
					.get()
					.uri(identityProvider.baseUrl() + "/other")
					.retrieve()
					.bodyToMono(String.class)
					.block(Duration.ofSeconds(5));
				assertThat(other).isEqualTo("ok");
				List<LoggedRequest> others = identityProvider
					.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/other")));
				assertThat(others).singleElement()
					.satisfies((request) -> assertThat(request.containsHeader("Authorization")).isFalse());
			});
	}

	@Test
	void refusedTokenIsDroppedAndANewOneAskedFor() {
		identityProvider.stubFor(post(urlPathEqualTo("/oauth2/token")).inScenario("rotation")
			.whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
			.willSetStateTo("rotated")
			.willReturn(okJson("{\"access_token\":\"at-revoked\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
		this.contextRunner
			.withPropertyValues(idp(), "custom.llm.base-url=" + simulator.baseUrl(),
					"custom.llm.auth.oauth2.registration-id=llm")
			.run((context) -> {
				simulator.chat().once().fails(LlmFault.status(401, "token revoked"));
				assertThat(context.getBean(CompletionModel.class).complete("Hello")).isNotBlank();
				assertThat(simulator.chatRequests()).extracting((request) -> request.header("Authorization"))
					.containsExactly("Bearer at-revoked", "Bearer at-7c41e2");
			});
	}

	@Test
	void namedClientHasItsOwnTokenAndTheDefaultClientItsKey() {
		this.contextRunner
			.withPropertyValues(idp(), "custom.llm.base-url=" + simulator.baseUrl(), "custom.llm.api-key=sk-default-01",
					"custom.llm.clients.secured.api-key=", "custom.llm.clients.secured.auth.oauth2.registration-id=llm")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(CustomLlmClient.class).completionModel("m").complete("Hello");
				context.getBean("securedCustomLlmClient", CustomLlmClient.class).completionModel("m").complete("Hi");
				assertThat(simulator.chatRequests()).extracting((request) -> request.header("Authorization"))
					.containsExactly("Bearer sk-default-01", "Bearer at-7c41e2");
			});
	}

	@Test
	void keyAndRegistrationTogetherFailAtStartUpNamingBoth() {
		this.contextRunner
			.withPropertyValues(idp(), "custom.llm.base-url=" + simulator.baseUrl(), "custom.llm.api-key=sk-both-01",
					"custom.llm.auth.oauth2.registration-id=llm")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new CustomLlmConfigurationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("custom.llm.api-key")
					.contains("custom.llm.auth.oauth2.registration-id")
					.doesNotContain("sk-both-01");
				assertThat(analysis.getAction()).contains("Remove one of them");
			});
	}

	@Test
	void unknownRegistrationFailsAtStartUpNamingIt() {
		this.contextRunner
			.withPropertyValues(idp(), "custom.llm.base-url=" + simulator.baseUrl(),
					"custom.llm.auth.oauth2.registration-id=nope")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new CustomLlmConfigurationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'nope'");
				assertThat(analysis.getAction()).contains("spring.security.oauth2.client.registration.nope");
			});
	}

	@Test
	void withoutSpringSecurityTheRegistrationIsAClearStartUpError() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CustomLlmAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.withPropertyValues("custom.llm.base-url=" + simulator.baseUrl(),
					"custom.llm.auth.oauth2.registration-id=llm")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(new CustomLlmConfigurationFailureAnalyzer().analyze(context.getStartupFailure()).getAction())
					.contains("spring-boot-starter-security-oauth2-client");
			});
	}

	private static String idp() {
		return "spring.security.oauth2.client.provider.idp.token-uri=" + identityProvider.baseUrl() + "/oauth2/token";
	}

}
