package dev.customllm.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmApiException;
import dev.customllm.resilience.RetrySettings;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Redirects are never followed (the prompt and the credentials would go elsewhere), and a
 * 2xx answer that is an error object is the provider's error, not an answer without
 * choices.
 */
@ExtendWith(LlmSimulatorExtension.class)
class RedirectAndErrorBodyTests {

	@Test
	void redirectToAnotherOriginIsAnErrorNamingTheLocationAndSendsNothingThere(LlmSimulator llm) {
		try (LlmSimulator elsewhere = LlmSimulator.start()) {
			for (int status : new int[] { 301, 302, 303, 307, 308 }) {
				llm.wireMock().resetAll();
				llm.wireMock()
					.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(status)
						.withHeader("Location",
								"http://user:pw@127.0.0.1:" + elsewhere.port() + "/v1/chat/completions?sig=s3cret")));
				try (CustomLlmClient client = CustomLlmClient.builder()
					.baseUrl(llm.baseUrl())
					.apiKey("sk-7a1c9e-1")
					.header("X-Tenant", "search")
					.retry(RetrySettings.NONE)
					.build()) {
					LlmApiException failure = catchThrowableOfType(LlmApiException.class,
							() -> client.completionModel("m").complete("a private prompt"));
					assertThat(failure.status()).isEqualTo(status);
					assertThat(failure.getMessage())
						.contains("redirect (HTTP " + status + ") to 'http://******@127.0.0.1:" + elsewhere.port()
								+ "/v1/chat/completions' not followed")
						.doesNotContain("s3cret")
						.doesNotContain("pw@");
				}
			}
			assertThat(elsewhere.wireMock().findAll(anyRequestedFor(anyUrl()))).isEmpty();
		}
	}

	@Test
	void successfulStatusWithAnErrorObjectIsTheProvidersError(LlmSimulator llm) {
		llm.wireMock()
			.stubFor(post(anyUrl()).willReturn(okJson(
					" {\"error\": {\"message\": \"Budget exceeded for team search\", \"type\": \"budget_exceeded\"}}")));
		try (CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl(llm.baseUrl())
			.retry(RetrySettings.NONE)
			.build()) {
			LlmApiException failure = catchThrowableOfType(LlmApiException.class,
					() -> client.completionModel("m").complete("Hello"));
			assertThat(failure.status()).isEqualTo(200);
			assertThat(failure.error().message()).isEqualTo("Budget exceeded for team search");
			assertThat(failure.error().type()).isEqualTo("budget_exceeded");
		}
	}

}
