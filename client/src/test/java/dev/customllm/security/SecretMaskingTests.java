package dev.customllm.security;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmApiException;
import dev.customllm.LlmException;
import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.logging.LogCaptureExtension;
import dev.customllm.logging.LogCaptureExtension.CapturedLog;
import dev.customllm.resilience.RetrySettings;
import dev.customllm.test.LlmFault;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A service that echoes the client's credentials back, on every path a failure can take:
 * the key and the values of secret headers never appear in a message, a cause, a stack
 * trace or a log line; other headers stay readable.
 */
@ExtendWith({ LlmSimulatorExtension.class, LogCaptureExtension.class })
class SecretMaskingTests {

	private static final String KEY = "sk-echoed-4f1c9a7d2b";

	private static final String TOKEN = "tenant-token-77aa31";

	private static final RetrySettings FAST = RetrySettings.builder()
		.maxRetries(1)
		.delay(Duration.ofMillis(10))
		.maxDelay(Duration.ofMillis(20))
		.jitter(0)
		.maxRetryAfter(Duration.ofSeconds(1))
		.build();

	@Test
	void unreadableSuccessfulAnswerThatEchoesTheKey(LlmSimulator llm) {
		llm.chat()
			.fails(LlmFault.body(200, "application/json",
					"{\"choices\":[{\"index\":\"Bearer " + KEY + "\",\"message\":{\"content\":\"x\"}}]}"));
		try (CustomLlmClient client = client(llm)) {
			LlmException failure = catchThrowableOfType(LlmException.class,
					() -> client.completionModel("m").complete("Hello"));
			assertMasked(failure);
			assertThat(failure.getMessage()).contains("******");
		}
	}

	@Test
	void streamEventThatEchoesTheKey(LlmSimulator llm) {
		llm.chat().fails(LlmFault.body(200, "text/event-stream", "data: \"Bearer " + KEY + "\"\n\ndata: [DONE]\n\n"));
		try (CustomLlmClient client = client(llm)) {
			LlmException failure = catchThrowableOfType(LlmException.class,
					() -> client.completionModel("m")
						.stream(CompletionRequest.of("Hello"))
						.map(CompletionChunk::text)
						.collectList()
						.block(Duration.ofSeconds(10)));
			assertMasked(failure);
		}
	}

	@Test
	void errorStatusThatEchoesTheKeyAndASecretHeader(LlmSimulator llm) {
		llm.chat().fails(LlmFault.status(401, "Key " + KEY + " with X-Tenant-Token " + TOKEN + " refused"));
		try (CustomLlmClient client = client(llm)) {
			LlmApiException failure = catchThrowableOfType(LlmApiException.class,
					() -> client.completionModel("m").complete("Hello"));
			assertMasked(failure);
			assertThat(failure.error().message()).doesNotContain(KEY).doesNotContain(TOKEN);
		}
	}

	@Test
	void modelListThatEchoesTheKey(LlmSimulator llm) {
		llm.wireMock()
			.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "text/html")
				.withBody("<h1>Unauthorized</h1><p>Authorization: Bearer " + KEY + "</p>")));
		try (CustomLlmClient client = client(llm)) {
			LlmException failure = catchThrowableOfType(LlmException.class,
					() -> client.listModels("/models").block(Duration.ofSeconds(10)));
			assertMasked(failure);
		}
	}

	@Test
	void retryWarningsNeverShowTheKey(LlmSimulator llm, CapturedLog log) {
		llm.chat().once().fails(LlmFault.status(503, "overloaded for " + KEY));
		llm.chat().answers("fine");
		try (CustomLlmClient client = client(llm)) {
			assertThat(client.completionModel("m").complete("Hello")).isEqualTo("fine");
		}
		assertThat(log.getAll()).contains("WARN").doesNotContain(KEY);
	}

	@Test
	void headersThatAreNotSecretStayReadable(LlmSimulator llm) {
		llm.chat().fails(LlmFault.status(400, "unknown provider openai-eu in x-portkey-provider"));
		try (CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl(llm.baseUrl())
			.apiKey(KEY)
			.header("x-portkey-provider", "openai-eu")
			.retry(RetrySettings.NONE)
			.build()) {
			LlmApiException failure = catchThrowableOfType(LlmApiException.class,
					() -> client.completionModel("m").complete("Hello"));
			assertThat(failure.getMessage()).contains("openai-eu");
		}
	}

	@Test
	void configuredSecretHeaderIsMasked(LlmSimulator llm) {
		llm.chat().fails(LlmFault.status(403, "signature sig-0a9b8c7d6e is not valid"));
		try (CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl(llm.baseUrl())
			.header("X-Signature", "sig-0a9b8c7d6e")
			.secretHeader("x-signature")
			.retry(RetrySettings.NONE)
			.build()) {
			LlmApiException failure = catchThrowableOfType(LlmApiException.class,
					() -> client.completionModel("m").complete("Hello"));
			assertThat(stackTrace(failure)).doesNotContain("sig-0a9b8c7d6e");
		}
	}

	private static CustomLlmClient client(LlmSimulator llm) {
		return CustomLlmClient.builder()
			.baseUrl(llm.baseUrl())
			.apiKey(KEY)
			.header("X-Tenant-Token", TOKEN)
			.retry(FAST)
			.build();
	}

	private static void assertMasked(Throwable failure) {
		assertThat(failure).isNotNull();
		String trace = stackTrace(failure);
		assertThat(trace).doesNotContain(KEY).doesNotContain(TOKEN);
		assertThat(failure.toString()).doesNotContain(KEY);
	}

	private static String stackTrace(Throwable failure) {
		StringWriter out = new StringWriter();
		failure.printStackTrace(new PrintWriter(out));
		return out.toString();
	}

}
