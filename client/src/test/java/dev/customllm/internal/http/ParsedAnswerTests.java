package dev.customllm.internal.http;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;

import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;
import dev.customllm.internal.json.LlmJson;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Answers read by an {@link AnswerParser} on {@link HttpExchange} on its own Netty
 * sender: an answer larger than the memory budget is read when its parser holds little,
 * and the parser's memory and the connection are given back however the reading ends.
 */
@ExtendWith(LlmSimulatorExtension.class)
class ParsedAnswerTests {

	private static final String LARGE = "{\"data\":\"" + "x".repeat(256 * 1024) + "\"}";

	private final ResponseMemory memory = new ResponseMemory(16 * 1024);

	@Test
	void answerLargerThanTheBudgetIsReadWhenItsParserHoldsLittle(LlmSimulator llm) {
		llm.wireMock().stubFor(post(anyUrl()).willReturn(okJson(LARGE)));
		try (HttpExchange transport = transport(llm)) {
			ParsingBodyTests.RecordingParser parser = new ParsingBodyTests.RecordingParser();
			parser.held = 4096;
			String answer = transport
				.post(LlmOperation.EMBEDDINGS, transport.endpoint("/embeddings"), new byte[0], () -> parser)
				.block(Duration.ofSeconds(5));
			assertThat(answer).hasSize(LARGE.length());
			assertThat(parser.feeds).hasSizeGreaterThan(1);
			assertThat(parser.closed).isTrue();
			assertThat(this.memory.reserved()).isZero();
		}
	}

	@Test
	void cancellingMidBodyGivesTheMemoryAndTheConnectionBack(LlmSimulator llm) {
		llm.wireMock().stubFor(post(anyUrl()).willReturn(okJson(LARGE).withChunkedDribbleDelay(50, 5_000)));
		try (HttpExchange transport = transport(llm)) {
			ParsingBodyTests.RecordingParser parser = new ParsingBodyTests.RecordingParser();
			parser.held = 4096;
			Disposable call = transport
				.post(LlmOperation.EMBEDDINGS, transport.endpoint("/embeddings"), new byte[0], () -> parser)
				.subscribe();
			Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> !parser.feeds.isEmpty());
			assertThat(this.memory.reserved()).isEqualTo(4096);
			call.dispose();
			Awaitility.await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
				assertThat(this.memory.reserved()).isZero();
				assertThat(parser.closed).isTrue();
				assertThat(transport.poolMetrics().acquired()).isZero();
			});
		}
	}

	@Test
	void jvmErrorWhileParsingFailsTheCallAndClosesTheConnection(LlmSimulator llm) {
		llm.wireMock().stubFor(post(anyUrl()).willReturn(okJson(LARGE)));
		try (HttpExchange transport = transport(llm)) {
			ParsingBodyTests.RecordingParser parser = new ParsingBodyTests.RecordingParser();
			parser.error = new OutOfMemoryError("injected");
			Throwable failure = catchThrowable(() -> transport
				.post(LlmOperation.EMBEDDINGS, transport.endpoint("/embeddings"), new byte[0], () -> parser)
				.block(Duration.ofSeconds(5)));
			assertThat(failure).isInstanceOf(LlmResponseException.class)
				.hasMessageContaining("OutOfMemoryError")
				.hasCauseInstanceOf(OutOfMemoryError.class);
			Awaitility.await()
				.atMost(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(transport.poolMetrics().acquired()).isZero());
			assertThat(this.memory.reserved()).isZero();
		}
	}

	private HttpExchange transport(LlmSimulator llm) {
		HttpSettings settings = new HttpSettings(llm.baseUrl(), null, Map.of(), Duration.ofSeconds(2),
				Duration.ofSeconds(2), Duration.ofSeconds(2), 4, Duration.ofSeconds(4), 1024 * 1024, null, Set.of(),
				this.memory);
		return HttpExchange.onNetty(settings, (client) -> client, LlmJson.mapper(), RequestHook.NONE);
	}

}
