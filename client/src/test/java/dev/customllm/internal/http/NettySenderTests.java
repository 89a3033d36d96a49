package dev.customllm.internal.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import dev.customllm.LlmOperation;
import dev.customllm.http.HttpAnswer;
import dev.customllm.http.HttpCall;
import dev.customllm.internal.json.LlmJson;
import dev.customllm.test.LlmRequest;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NettySender}: the client's own sender, as any {@link HttpExchange}
 * uses it and as a plain {@link dev.customllm.http.HttpSender}.
 *
 * @author Custom LLM team
 */
@ExtendWith(LlmSimulatorExtension.class)
class NettySenderTests {

	@Test
	void sendsTheHeadersOfTheCallUnlessTheCustomizerSetThem(LlmSimulator llm) {
		llm.chat().answers("Hello");
		HttpSettings settings = settings(llm, Map.of("X-Tenant", "search"));
		try (HttpExchange exchange = HttpExchange.onNetty(settings,
				(client) -> client.headers((headers) -> headers.set("X-Tenant", "from-customizer")), LlmJson.mapper(),
				(context, headers) -> headers.accept("traceparent", "00-trace-span-01"))) {
			exchange.post(LlmOperation.CHAT, exchange.endpoint("/chat/completions"), body(), JsonNode.class)
				.block(Duration.ofSeconds(5));
		}
		LlmRequest request = llm.chatRequests().get(0);
		assertThat(request.header("Authorization")).isEqualTo("Bearer sk-key");
		assertThat(request.header("User-Agent")).startsWith("custom-llm-spring-boot/");
		assertThat(request.header("Content-Type")).isEqualTo("application/json");
		assertThat(request.header("traceparent")).isEqualTo("00-trace-span-01");
		assertThat(request.header("X-Tenant")).isEqualTo("from-customizer");
	}

	@Test
	void answersAsAPlainSenderWithViewsOfItsBuffers(LlmSimulator llm) {
		llm.chat().answers("Hello");
		try (NettySender sender = new NettySender(settings(llm, Map.of()), (client) -> client)) {
			HttpCall call = HttpCall.builder()
				.uri(URI.create(llm.baseUrl() + "/chat/completions"))
				.headers(Map.of("Content-Type", "application/json"))
				.body(body())
				.build();
			HttpAnswer answer = sender.send(call).block(Duration.ofSeconds(5));
			assertThat(answer.status()).isEqualTo(200);
			List<String> parts = answer.body()
				.map((bytes) -> StandardCharsets.UTF_8.decode(bytes).toString())
				.collectList()
				.block(Duration.ofSeconds(5));
			assertThat(String.join("", parts)).contains("Hello");
			assertThat(sender.poolMetrics().acquired()).isZero();
		}
	}

	private static HttpSettings settings(LlmSimulator llm, Map<String, String> headers) {
		return new HttpSettings(llm.baseUrl(), "sk-key", headers, Duration.ofSeconds(2), Duration.ofSeconds(2),
				Duration.ofSeconds(2), 4, Duration.ofSeconds(4), 1024 * 1024, null);
	}

	private static byte[] body() {
		return LlmJson.write(Map.of("model", "m", "messages", List.of(Map.of("role", "user", "content", "Hi"))));
	}

}
