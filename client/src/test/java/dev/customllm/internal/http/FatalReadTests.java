package dev.customllm.internal.http;

import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;
import dev.customllm.internal.json.LlmJson;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A JVM error raised while an answer is read, on an I/O thread, reaches the caller at
 * once as an {@link LlmResponseException}, and the connection is closed, not pooled.
 * Injected through a decoding step that throws: reading the answer into a type whose
 * constructor throws {@link StackOverflowError}.
 */
@ExtendWith(LlmSimulatorExtension.class)
class FatalReadTests {

	@Test
	void errorWhileReadingAUnaryAnswerFailsTheCallAndClosesTheConnection(LlmSimulator llm) {
		llm.chat().answers("Hello");
		try (HttpExchange transport = transport(llm)) {
			Throwable failure = catchThrowable(() -> transport
				.post(LlmOperation.CHAT, transport.endpoint("/chat/completions"), body(false), Exploding.class)
				.block(Duration.ofSeconds(5)));
			assertThat(failure).isInstanceOf(LlmResponseException.class)
				.hasMessageContaining("StackOverflowError")
				.hasCauseInstanceOf(StackOverflowError.class);
			Awaitility.await()
				.atMost(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(transport.poolMetrics().acquired()).isZero());
		}
	}

	@Test
	void errorWhileReadingAStreamEndsItAndClosesTheConnection(LlmSimulator llm) {
		llm.chat().streams("Once", " upon", " a time");
		try (HttpExchange transport = transport(llm)) {
			Throwable failure = catchThrowable(() -> transport
				.stream(LlmOperation.CHAT, transport.endpoint("/chat/completions"), body(true), Exploding.class)
				.flatMapMany((chunks) -> chunks)
				.collectList()
				.block(Duration.ofSeconds(5)));
			assertThat(failure).isInstanceOf(LlmResponseException.class).hasMessageContaining("StackOverflowError");
			Awaitility.await()
				.atMost(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(transport.poolMetrics().acquired()).isZero());
		}
	}

	private static HttpExchange transport(LlmSimulator llm) {
		HttpSettings settings = new HttpSettings(llm.baseUrl(), null, Map.of(), Duration.ofSeconds(2),
				Duration.ofSeconds(2), Duration.ofSeconds(2), 4, Duration.ofSeconds(4), 1024 * 1024, null);
		return HttpExchange.onNetty(settings, (client) -> client, LlmJson.mapper(), RequestHook.NONE);
	}

	private static byte[] body(boolean stream) {
		return LlmJson.write(Map.of("model", "m", "stream", stream, "messages",
				java.util.List.of(Map.of("role", "user", "content", "Hi"))));
	}

	/**
	 * An answer whose decoding fails with a JVM error.
	 */
	record Exploding(@JsonDeserialize(using = Thrower.class) Object choices) {

	}

	/**
	 * A decoding step that fails with a JVM error.
	 */
	static final class Thrower extends ValueDeserializer<Object> {

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context) {
			throw new StackOverflowError("injected");
		}

	}

}
