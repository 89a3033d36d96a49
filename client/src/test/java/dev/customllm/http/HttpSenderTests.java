package dev.customllm.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmException;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.logging.LogCaptureExtension;
import dev.customllm.logging.LogCaptureExtension.CapturedLog;
import dev.customllm.resilience.RetrySettings;
import dev.customllm.test.LlmFault;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests of a client on its own Netty sender and on an {@link HttpSender} that lends
 * pooled network buffers: each is released exactly once, by its sender, as Netty's leak
 * detector sees it at its paranoid level, through answers, errors, retries, and bodies
 * cancelled midway (a stream the caller stops, an answer larger than the maximum).
 *
 * @author Custom LLM team
 */
@ExtendWith({ LlmSimulatorExtension.class, LogCaptureExtension.class })
class HttpSenderTests {

	private static final String LEAK = "LEAK:";

	@ParameterizedTest
	@EnumSource(TestTransport.class)
	void releasesEveryBufferOnceWithTheLeakDetectorAtParanoid(TestTransport transport, LlmSimulator simulator,
			CapturedLog log) {
		ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
		try (CustomLlmClient client = transport.builder()
			.baseUrl(simulator.baseUrl())
			.maxResponseSize(64 * 1024)
			.retry(RetrySettings.builder()
				.delay(Duration.ofMillis(10))
				.maxDelay(Duration.ofMillis(50))
				.jitter(0)
				.maxRetryAfter(Duration.ofSeconds(2))
				.build())
			.build()) {
			exchange(client, simulator);
			collectGarbageUntil(() -> log.getAll().contains(LEAK), Duration.ofSeconds(2));
			assertThat(log.getAll()).doesNotContain(LEAK).doesNotContain("IllegalReferenceCount");
			leakOneBuffer(transport);
			collectGarbageUntil(() -> log.getAll().contains(LEAK), Duration.ofSeconds(10));
			assertThat(log.getAll()).as("the leak detector reports a leak it is shown").contains(LEAK);
		}
		finally {
			ResourceLeakDetector.setLevel(level);
		}
	}

	@Test
	void clientOptionsOfItsOwnConnectionsAreRefused() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> CustomLlmClient.builder()
				.baseUrl("http://localhost:8000/v1")
				.httpSender(NettyHttpSender.shared())
				.httpClientCustomizer((client) -> client)
				.build())
			.withMessageContaining("configure TLS and proxies on the sender");
	}

	/**
	 * Every kind of exchange: answers, errors before and after retries, a body larger
	 * than the maximum, streams read to the end, stopped or cut.
	 */
	private static void exchange(CustomLlmClient client, LlmSimulator simulator) {
		for (int i = 0; i < 4; i++) {
			assertThat(client.completionModel("m").complete("Hello " + i)).isNotBlank();
			assertThat(client.completionModel("m")
				.stream(CompletionRequest.of("Tell me more about " + i))
				.collectList()
				.block(Duration.ofSeconds(5))).isNotEmpty();
			assertThat(client.completionModel("m")
				.stream(CompletionRequest.of("Tell a long story " + i))
				.take(2)
				.collectList()
				.block(Duration.ofSeconds(5))).hasSize(2);
			assertThat(client.embeddingModel("e").embedAll(List.of("a", "b", "c"))).hasSize(3);
		}
		simulator.chat().once().fails(LlmFault.rateLimited());
		assertThat(client.completionModel("m").complete("after a 429")).isNotBlank();
		simulator.chat().fails(LlmFault.body(500, "text/html", "<html>" + "oops ".repeat(2000) + "</html>"));
		assertThat(catchThrowable(() -> client.completionModel("m").complete("fails")))
			.isInstanceOf(LlmException.class);
		assertThat(catchThrowable(() -> client.completionModel("m").stream(CompletionRequest.of("fails")).blockLast()))
			.isInstanceOf(LlmException.class);
		simulator.chat().answers("x".repeat(100 * 1024));
		assertThat(catchThrowable(() -> client.completionModel("m").complete("too large")))
			.isInstanceOf(LlmException.class);
		simulator.chat().fails(LlmFault.cutStream("Once", " upon"));
		assertThat(catchThrowable(() -> client.completionModel("m").stream(CompletionRequest.of("cut")).blockLast()))
			.isInstanceOf(LlmException.class);
	}

	/**
	 * Leak a buffer, touched with a hint of its own: the detector reports a leak of the
	 * same records once only.
	 */
	private static void leakOneBuffer(TestTransport transport) {
		ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(64);
		leaked.touch("leaked on purpose by the test of " + transport + " at " + System.nanoTime());
		leaked.writeLong(42);
	}

	/**
	 * Collect garbage and allocate tracked buffers, which makes the leak detector report
	 * the leaked buffers it found, until the condition holds or the time is up.
	 */
	private static void collectGarbageUntil(BooleanSupplier condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
			System.gc();
			for (int i = 0; i < 100; i++) {
				PooledByteBufAllocator.DEFAULT.directBuffer(16).release();
			}
			LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
		}
	}

}
