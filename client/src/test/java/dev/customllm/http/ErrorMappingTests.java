package dev.customllm.http;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmApiException;
import dev.customllm.LlmAuthenticationException;
import dev.customllm.LlmException;
import dev.customllm.LlmOperation;
import dev.customllm.LlmRateLimitException;
import dev.customllm.LlmRequestException;
import dev.customllm.LlmResponseException;
import dev.customllm.resilience.RetrySettings;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests that every failure reaches the caller as the matching {@link LlmException}, with
 * status, provider message and no secret, whichever way the client makes its exchanges.
 */
@ParameterizedClass
@EnumSource(TestTransport.class)
@ExtendWith(LlmSimulatorExtension.class)
class ErrorMappingTests {

	private static final String KEY = "sk-live-7f3a9c1e5b2d4f6a8c0e";

	private static LlmSimulator simulator;

	private static CustomLlmClient client;

	@Parameter
	TestTransport transport;

	@BeforeParameterizedClassInvocation
	static void start(TestTransport transport, LlmSimulator llm) {
		simulator = llm;
		client = transport.builder()
			.baseUrl(simulator.baseUrl())
			.apiKey(KEY)
			.header("X-Gateway-Token", "gw-secret-token-42")
			.responseTimeout(Duration.ofMillis(500))
			.maxResponseSize(64 * 1024)
			.retry(RetrySettings.NONE)
			.build();
	}

	@AfterParameterizedClassInvocation
	static void stop() {
		client.close();
	}

	@Test
	void openAiErrorJsonIsParsed() {
		answer(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
				{"error":{"message":"'messages' must contain at least one message","type":"invalid_request_error",
				 "param":"messages","code":"invalid_value"}}"""));
		LlmApiException ex = fail(LlmApiException.class);
		assertThat(ex.status()).isEqualTo(400);
		assertThat(ex.operation()).isEqualTo(LlmOperation.CHAT);
		assertThat(ex.error().type()).isEqualTo("invalid_request_error");
		assertThat(ex.error().code()).isEqualTo("invalid_value");
		assertThat(ex.error().param()).isEqualTo("messages");
		assertThat(ex).hasMessage(
				"chat failed: HTTP 400 [invalid_request_error/invalid_value]: 'messages' must contain at least one message");
	}

	@Test
	void llamaCppErrorWithNumericCodeIsParsed() {
		answer(aResponse().withStatus(400)
			.withBody(
					"{\"error\":{\"code\":400,\"message\":\"the request exceeds the available context size\",\"type\":\"exceed_context_size_error\"}}"));
		LlmApiException ex = fail(LlmApiException.class);
		assertThat(ex.error().code()).isEqualTo("400");
		assertThat(ex.error().message()).isEqualTo("the request exceeds the available context size");
	}

	@Test
	void ollamaStringErrorIsParsed() {
		answer(aResponse().withStatus(404)
			.withBody("{\"error\":\"model \\\"llama9\\\" not found, try pulling it first\"}"));
		LlmApiException ex = fail(LlmApiException.class);
		assertThat(ex.status()).isEqualTo(404);
		assertThat(ex).hasMessage("chat failed: HTTP 404: model \"llama9\" not found, try pulling it first");
	}

	@Test
	void vllmTopLevelErrorIsParsed() {
		answer(aResponse().withStatus(404)
			.withBody(
					"{\"object\":\"error\",\"message\":\"The model `gpt-5` does not exist.\",\"type\":\"NotFoundError\",\"param\":null,\"code\":404}"));
		LlmApiException ex = fail(LlmApiException.class);
		assertThat(ex.error().message()).isEqualTo("The model `gpt-5` does not exist.");
		assertThat(ex.error().type()).isEqualTo("NotFoundError");
	}

	@Test
	void fastApiValidationErrorIsParsed() {
		answer(aResponse().withStatus(422)
			.withBody("{\"detail\":[{\"loc\":[\"body\",\"messages\"],\"msg\":\"field required\"}]}"));
		LlmApiException ex = fail(LlmApiException.class);
		assertThat(ex.status()).isEqualTo(422);
		assertThat(ex.error().message()).contains("field required");
	}

	@Test
	void htmlFromAProxyBecomesAShortExcerpt() {
		String html = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>"
				+ "<hr><center>nginx</center>" + "<!-- padding -->".repeat(200) + "</body></html>";
		answer(aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody(html));
		LlmApiException ex = fail(LlmApiException.class);
		assertThat(ex.status()).isEqualTo(502);
		assertThat(ex.error().message()).startsWith("502 Bad Gateway 502 Bad Gateway nginx").doesNotContain("<");
		assertThat(ex.error().message().length()).isLessThanOrEqualTo(201);
	}

	@Test
	void emptyErrorBodyIsDescribed() {
		answer(aResponse().withStatus(500));
		assertThat(fail(LlmApiException.class)).hasMessage("chat failed: HTTP 500: empty body (HTTP 500)");
	}

	@Test
	void unauthorizedAndForbiddenAreAuthenticationErrors() {
		answer(aResponse().withStatus(401)
			.withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + KEY
					+ ".\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
		LlmAuthenticationException unauthorized = fail(LlmAuthenticationException.class);
		assertThat(unauthorized.status()).isEqualTo(401);
		assertThat(unauthorized.getMessage()).doesNotContain(KEY).contains("Incorrect API key provided: ******");
		answer(aResponse().withStatus(403).withBody("forbidden for token gw-secret-token-42"));
		LlmAuthenticationException forbidden = fail(LlmAuthenticationException.class);
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(forbidden.getMessage()).doesNotContain("gw-secret-token-42");
	}

	@Test
	void tooManyRequestsCarriesRetryAfter() {
		answer(aResponse().withStatus(429)
			.withHeader("Retry-After", "7")
			.withBody(
					"{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}"));
		LlmRateLimitException ex = fail(LlmRateLimitException.class);
		assertThat(ex.status()).isEqualTo(429);
		assertThat(ex.retryAfter()).contains(Duration.ofSeconds(7));
		assertThat(ex.error().code()).isEqualTo("rate_limit_exceeded");
	}

	@Test
	void retryAfterMillisWinsAndHttpDateIsRead() {
		answer(aResponse().withStatus(429).withHeader("retry-after-ms", "1500").withHeader("Retry-After", "9"));
		assertThat(fail(LlmRateLimitException.class).retryAfter()).contains(Duration.ofMillis(1500));
		String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(30));
		answer(aResponse().withStatus(429).withHeader("Retry-After", date));
		Duration delay = fail(LlmRateLimitException.class).retryAfter().orElseThrow();
		assertThat(delay.toSeconds()).isCloseTo(29, within(2L));
		answer(aResponse().withStatus(429));
		assertThat(fail(LlmRateLimitException.class).retryAfter()).isEmpty();
	}

	@Test
	void connectionResetIsARequestError() {
		answer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
		assertThat(fail(LlmRequestException.class)).hasMessageStartingWith("chat failed: ")
			.hasMessageEndingWith("calling " + simulator.baseUrl() + "/chat/completions");
	}

	@Test
	void emptyReplyIsARequestError() {
		answer(aResponse().withFault(Fault.EMPTY_RESPONSE));
		assertThat(fail(LlmRequestException.class)).hasMessageContaining("connection closed by the server");
	}

	@Test
	void slowHeadersPastTheResponseTimeoutAreARequestError() {
		answer(okJson("{\"choices\":[{\"index\":0,\"message\":{\"content\":\"late\"}}]}").withFixedDelay(2_000));
		assertThat(fail(LlmRequestException.class)).hasMessageContaining("response timeout");
	}

	@Test
	void connectionRefusedIsARequestError() {
		int port = simulator.port();
		try (CustomLlmClient closed = this.transport.builder()
			.baseUrl("http://127.0.0.1:1/v1")
			.apiKey(KEY)
			.retry(RetrySettings.NONE)
			.build()) {
			assertThatExceptionOfType(LlmRequestException.class)
				.isThrownBy(() -> closed.completionModel().complete("Hi"))
				.withMessage("chat failed: connection refused calling http://127.0.0.1:1/v1/chat/completions");
		}
		assertThat(port).isPositive();
	}

	@Test
	void oversizedAnswerIsAResponseErrorNotAnOutOfMemoryError() {
		String big = "x".repeat(200 * 1024);
		answer(okJson("{\"choices\":[{\"index\":0,\"message\":{\"content\":\"" + big + "\"}}]}"));
		assertThat(fail(LlmResponseException.class))
			.hasMessageContaining("larger than max-response-size (65536 bytes)");
	}

	@Test
	void noMessageOrToStringContainsTheKey() {
		assertThat(client.toString()).doesNotContain(KEY).doesNotContain("gw-secret-token-42").contains("******");
		answer(aResponse().withStatus(500).withBody("upstream said Bearer " + KEY));
		assertThat(fail(LlmApiException.class).getMessage()).doesNotContain(KEY);
	}

	private void answer(ResponseDefinitionBuilder response) {
		simulator.wireMock().stubFor(post(anyUrl()).willReturn(response));
	}

	private <E extends LlmException> E fail(Class<E> type) {
		try {
			client.completionModel().complete("Hello");
		}
		catch (LlmException ex) {
			assertThat(ex).isInstanceOf(type);
			assertThat(ex.getMessage()).doesNotContain(KEY);
			return type.cast(ex);
		}
		throw new AssertionError("expected " + type.getSimpleName());
	}

}
