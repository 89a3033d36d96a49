package dev.customllm.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmApiException;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.logging.LogCaptureExtension;
import dev.customllm.logging.LogCaptureExtension.CapturedLog;
import dev.customllm.resilience.RetrySettings;
import dev.customllm.test.LlmFault;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Request and response logging for debugging: off by default, then more with each level,
 * never a secret.
 */
@ExtendWith({ LlmSimulatorExtension.class, LogCaptureExtension.class })
class HttpLoggingTests {

	private static final String KEY = "sk-logged-never-9d1";

	@Test
	void offByDefault(LlmSimulator llm, CapturedLog log) {
		llm.chat().answers("Hi");
		try (CustomLlmClient client = client(llm).build()) {
			client.completionModel("m").complete("Hello");
		}
		assertThat(log.getAll()).doesNotContain("dev.customllm.http -");
	}

	@Test
	void basicLogsMethodUrlRealStatusAndLatencyInOneLine(LlmSimulator llm, CapturedLog log) {
		llm.chat().answers("Hi");
		try (CustomLlmClient client = client(llm).httpLogging(HttpLogLevel.BASIC, 100).build()) {
			client.completionModel("m").complete("a private prompt");
		}
		assertThat(log.getAll()).contains("POST " + llm.baseUrl() + "/chat/completions chat 200 ")
			.contains(" ms ok")
			.doesNotContain("X-Tenant")
			.doesNotContain("a private prompt");
	}

	@Test
	void headersAreLoggedWithSecretsMasked(LlmSimulator llm, CapturedLog log) {
		llm.chat().answers("Hi");
		try (CustomLlmClient client = client(llm).httpLogging(HttpLogLevel.HEADERS, 100).build()) {
			client.completionModel("m").complete("Hello");
		}
		assertThat(log.getAll()).contains("Authorization: Bearer ******")
			.contains("X-Tenant: search")
			.contains("X-Api-Key: ******")
			.doesNotContain(KEY)
			.doesNotContain("gw-7");
	}

	@Test
	void reasoningIsNeverLoggedAtBasicOrHeaders(LlmSimulator llm, CapturedLog log) {
		for (HttpLogLevel level : new HttpLogLevel[] { HttpLogLevel.BASIC, HttpLogLevel.HEADERS }) {
			try (CustomLlmClient client = client(llm).httpLogging(level, 1000).build()) {
				CompletionRequest request = CompletionRequest.of("Is 7 prime?");
				assertThat(client.completionModel("deepseek-reasoner").complete(request).reasoning())
					.startsWith("The user asks:");
				assertThat(client.completionModel("deepseek-reasoner").stream(request).collectList().block())
					.anySatisfy((chunk) -> assertThat(chunk.reasoning()).isNotNull());
			}
		}
		assertThat(log.getAll()).contains("chat 200 ").doesNotContain("The user asks").doesNotContain("prime");
	}

	@Test
	void bodiesAreLoggedTruncatedAndFailuresMasked(LlmSimulator llm, CapturedLog log) {
		llm.chat().answers("The answer, as the service wrote it.");
		try (CustomLlmClient client = client(llm).httpLogging(HttpLogLevel.BODY, 400).build()) {
			client.completionModel("m").complete(CompletionRequest.of("a prompt " + "long ".repeat(100)));
			llm.chat().fails(LlmFault.status(401, "bad key " + KEY));
			assertThatExceptionOfType(LlmApiException.class)
				.isThrownBy(() -> client.completionModel("m").complete("Hello"));
		}
		assertThat(log.getAll()).contains("a prompt long")
			.contains("… (564 bytes)")
			.contains("The answer, as the service wrote it.")
			.contains("chat 401 ")
			.contains("failed: \"chat failed: HTTP 401")
			.doesNotContain(KEY);
	}

	private static CustomLlmClient.Builder client(LlmSimulator llm) {
		return CustomLlmClient.builder()
			.baseUrl(llm.baseUrl())
			.apiKey(KEY)
			.header("X-Tenant", "search")
			.header("X-Api-Key", "gw-7")
			.retry(RetrySettings.NONE);
	}

}
