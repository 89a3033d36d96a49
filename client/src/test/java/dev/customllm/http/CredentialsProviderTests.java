package dev.customllm.http;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmApiException;
import dev.customllm.LlmAuthenticationException;
import dev.customllm.LlmRequestException;
import dev.customllm.logging.LogCaptureExtension;
import dev.customllm.logging.LogCaptureExtension.CapturedLog;
import dev.customllm.resilience.RetrySettings;
import dev.customllm.test.LlmFault;
import dev.customllm.test.LlmRequest;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.unauthorized;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests of a client whose credentials come from a {@link CredentialsProvider}: asked for
 * every attempt, asked again after a {@code 401}, and masked like the API key.
 */
@ExtendWith({ LlmSimulatorExtension.class, LogCaptureExtension.class })
class CredentialsProviderTests {

	private static final String ANSWER = "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
			+ "\"content\":\"rotated\"},\"finish_reason\":\"stop\"}]}";

	@Test
	void rotatedKeyIsUsedOnTheRetryAfterA401(LlmSimulator llm) {
		llm.wireMock()
			.stubFor(
					post(urlPathEqualTo("/v1/chat/completions")).withHeader("Authorization", equalTo("Bearer key-0001"))
						.willReturn(unauthorized().withBody("{\"error\":{\"message\":\"key expired\"}}")));
		llm.wireMock()
			.stubFor(
					post(urlPathEqualTo("/v1/chat/completions")).withHeader("Authorization", equalTo("Bearer key-0002"))
						.willReturn(okJson(ANSWER)));
		RotatingKeys keys = new RotatingKeys();
		try (CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl(llm.baseUrl())
			.credentials(keys)
			.retry(RetrySettings.NONE)
			.build()) {
			assertThat(client.completionModel("m").complete("Hello")).isEqualTo("rotated");
		}
		assertThat(llm.chatRequests()).extracting((request) -> request.header("Authorization"))
			.containsExactly("Bearer key-0001", "Bearer key-0002");
		assertThat(keys.rejected).containsExactly(Credentials.bearer("key-0001"));
	}

	@Test
	void providerIsAskedForEveryAttempt(LlmSimulator llm) {
		llm.chat().times(2).fails(LlmFault.status(503, "busy"));
		llm.chat().answers("third time");
		AtomicInteger asked = new AtomicInteger();
		CredentialsProvider provider = CredentialsProvider.fromCompletionStage(() -> CompletableFuture
			.completedFuture(Credentials.header("api-key", "azure-key-000" + asked.incrementAndGet())));
		try (CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl(llm.baseUrl())
			.credentials(provider)
			.retry(fast(2))
			.build()) {
			assertThat(client.completionModel("m").complete("Hello")).isEqualTo("third time");
		}
		assertThat(llm.chatRequests()).extracting((request) -> request.header("api-key"))
			.containsExactly("azure-key-0001", "azure-key-0002", "azure-key-0003");
	}

	@Test
	void a401AfterFreshCredentialsFailsAsAuthentication(LlmSimulator llm) {
		llm.chat().fails(LlmFault.status(401, "no"));
		try (CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl(llm.baseUrl())
			.credentials(CredentialsProvider.of(() -> Credentials.bearer("always-wrong")))
			.retry(fast(2))
			.build()) {
			catchThrowableOfType(LlmAuthenticationException.class, () -> client.completionModel("m").complete("Hello"));
		}
		assertThat(llm.chatRequests()).hasSize(2);
	}

	@Test
	void aFailingProviderFailsTheCallWithoutSendingIt(LlmSimulator llm) {
		llm.chat().answers("never");
		CredentialsProvider vaultDown = () -> Mono.error(new IllegalStateException("vault sealed"));
		try (CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl(llm.baseUrl())
			.credentials(vaultDown)
			.retry(RetrySettings.NONE)
			.build()) {
			LlmRequestException failure = catchThrowableOfType(LlmRequestException.class,
					() -> client.completionModel("m").complete("Hello"));
			assertThat(failure.kind()).isEqualTo(LlmRequestException.Kind.CREDENTIALS);
			assertThat(failure.getMessage()).contains("vault sealed");
			CredentialsProvider empty = Mono::empty;
			try (CustomLlmClient none = CustomLlmClient.builder()
				.baseUrl(llm.baseUrl())
				.credentials(empty)
				.retry(RetrySettings.NONE)
				.build()) {
				assertThat(catchThrowableOfType(LlmRequestException.class,
						() -> none.completionModel("m").complete("Hello"))
					.getMessage()).contains("gave no credentials");
			}
		}
		assertThat(llm.chatRequests()).isEmpty();
	}

	@Test
	void echoedCredentialsAreMaskedInErrorsAndLogs(LlmSimulator llm, CapturedLog log) {
		String token = "eyJ-token-5c1d9e";
		llm.chat().fails(LlmFault.status(403, "token " + token + " lacks scope llm.write"));
		try (CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl(llm.baseUrl())
			.credentials(CredentialsProvider.of(() -> Credentials.bearer(token)))
			.httpLogging(HttpLogLevel.HEADERS, 0)
			.retry(RetrySettings.NONE)
			.build()) {
			LlmApiException failure = catchThrowableOfType(LlmApiException.class,
					() -> client.completionModel("m").complete("Hello"));
			StringWriter trace = new StringWriter();
			failure.printStackTrace(new PrintWriter(trace));
			assertThat(trace.toString()).doesNotContain(token).contains("******");
			assertThat(client.toString()).doesNotContain(token);
		}
		assertThat(log.getAll()).doesNotContain(token);
		assertThat(Credentials.bearer(token).toString()).doesNotContain(token);
	}

	@Test
	void keyAndProviderTogetherAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CustomLlmClient.builder()
				.baseUrl("http://localhost:8000/v1")
				.apiKey("sk-0001")
				.credentials(CredentialsProvider.of(() -> Credentials.bearer("t")))
				.build())
			.withMessageContaining("apiKey and credentials are both set")
			.withMessageNotContaining("sk-0001");
	}

	private static RetrySettings fast(int retries) {
		return RetrySettings.builder()
			.maxRetries(retries)
			.delay(Duration.ofMillis(5))
			.maxDelay(Duration.ofMillis(10))
			.jitter(0)
			.build();
	}

	/**
	 * A key store that rotates: each look-up after a rejection gives the next key.
	 */
	private static final class RotatingKeys implements CredentialsProvider {

		private final AtomicInteger version = new AtomicInteger(1);

		final List<Credentials> rejected = new ArrayList<>();

		@Override
		public Mono<Credentials> credentials() {
			return Mono.fromSupplier(() -> Credentials.bearer("key-000" + this.version.get()));
		}

		@Override
		public void rejected(Credentials credentials) {
			this.rejected.add(credentials);
			this.version.incrementAndGet();
		}

	}

}
