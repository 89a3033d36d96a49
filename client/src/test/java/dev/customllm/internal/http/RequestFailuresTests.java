package dev.customllm.internal.http;

import java.net.URI;
import java.net.UnknownHostException;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import org.junit.jupiter.api.Test;

import dev.customllm.LlmException;
import dev.customllm.LlmOperation;
import dev.customllm.LlmRequestException;
import dev.customllm.LlmRequestException.Kind;
import dev.customllm.internal.resilience.RetryClassifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RequestFailures}: deterministic failures get a kind of their own,
 * which is never retried.
 */
class RequestFailuresTests {

	private static final URI URI = java.net.URI.create("http://llm.internal:8000/v1/chat/completions?x=1");

	private final RequestFailures failures = new RequestFailures(1024);

	@Test
	void unknownHostIsNotRetried() {
		LlmException failure = this.failures.map(LlmOperation.CHAT, URI,
				new RuntimeException(new UnknownHostException("llm.internal: Name or service not known")));
		assertThat(failure).isInstanceOf(LlmRequestException.class)
			.hasMessage("chat failed: unknown host calling http://llm.internal:8000/v1/chat/completions");
		assertThat(((LlmRequestException) failure).kind()).isEqualTo(Kind.UNKNOWN_HOST);
		assertThat(RetryClassifier.retryReason(failure)).isNull();
	}

	@Test
	void undecodableAnswerIsAProtocolErrorThatIsNotRetried() {
		LlmException failure = this.failures.map(LlmOperation.CHAT, URI,
				new TooLongHttpHeaderException("HTTP header is larger than 8192 bytes."));
		assertThat(((LlmRequestException) failure).kind()).isEqualTo(Kind.PROTOCOL);
		assertThat(failure).hasMessageContaining("answer is not valid HTTP/1.1");
		assertThat(RetryClassifier.retryReason(failure)).isNull();
	}

}
