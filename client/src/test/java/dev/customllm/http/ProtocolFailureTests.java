package dev.customllm.http;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmException;
import dev.customllm.LlmRequestException;
import dev.customllm.resilience.RetrySettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Answers that are not HTTP/1.1 cannot succeed on a second attempt: each fails once, as a
 * protocol error, and is not retried.
 */
class ProtocolFailureTests {

	private static final RetrySettings FAST = RetrySettings.builder()
		.maxRetries(3)
		.delay(Duration.ofMillis(10))
		.maxDelay(Duration.ofMillis(20))
		.jitter(0)
		.maxRetryAfter(Duration.ofSeconds(1))
		.build();

	static Stream<Arguments> answers() {
		String hugeHeader = "HTTP/1.1 200 OK\r\nX-Padding: " + "a".repeat(200 * 1024)
				+ "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
		return Stream.of(Arguments.of("bad status line", "HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n"),
				Arguments.of("header of 200 KB", hugeHeader),
				Arguments.of("HTTP/0.9 (a body without a status line)", "{\"choices\":[]}\n"),
				Arguments.of("garbage", "\u0000\u0001\u0002 not http at all\r\n\r\n"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("answers")
	void isAProtocolErrorAndIsNotRetried(String description, String answer) throws Exception {
		try (RawAnswerServer server = new RawAnswerServer(answer);
				CustomLlmClient client = CustomLlmClient.builder()
					.baseUrl(server.baseUrl())
					.retry(FAST)
					.responseTimeout(Duration.ofSeconds(3))
					.build()) {
			LlmException failure = catchThrowableOfType(LlmException.class,
					() -> client.completionModel("m").complete("Hello"));
			assertThat(failure).isInstanceOf(LlmRequestException.class);
			assertThat(((LlmRequestException) failure).kind()).isEqualTo(LlmRequestException.Kind.PROTOCOL);
			assertThat(server.requests()).isEqualTo(1);
		}
	}

}
