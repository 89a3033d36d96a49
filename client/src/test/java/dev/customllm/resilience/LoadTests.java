package dev.customllm.resilience;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmException;
import dev.customllm.completion.CompletionRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded load test on loopback: 10,000 calls at concurrency 256 against a service that
 * injects 10% faults of mixed kinds. Every call ends in a result or a typed error, none
 * hangs, no connection stays acquired and the heap returns near where it started.
 */
class LoadTests {

	private static final int CALLS = 10_000;

	private static final int CONCURRENCY = 256;

	@Test
	void tenThousandCallsWithTenPercentFaultsAllEndAndReleaseTheirConnections() throws Exception {
		AtomicLong requests = new AtomicLong();
		try (TestServer server = new TestServer((exchange) -> {
			long n = requests.incrementAndGet();
			if (n % 10 != 0) {
				TestServer.respond(exchange, 200, TestServer.ANSWER);
				return;
			}
			switch ((int) (n / 10 % 5)) {
				case 0 -> TestServer.respond(exchange, 503, "{\"error\":{\"message\":\"overloaded\"}}");
				case 1 -> {
					exchange.getResponseHeaders().set("retry-after-ms", "5");
					TestServer.respond(exchange, 429, "{\"error\":{\"message\":\"slow down\"}}");
				}
				case 2 -> TestServer.respond(exchange, 200, "{\"choices\":[{\"index\":");
				case 3 -> exchange.close();
				default -> {
					sleep(1_200);
					TestServer.respond(exchange, 200, TestServer.ANSWER);
				}
			}
		}, CONCURRENCY + 44);
				CustomLlmClient client = CustomLlmClient.builder()
					.baseUrl(server.baseUrl())
					.maxConnections(CONCURRENCY)
					.responseTimeout(Duration.ofSeconds(1))
					.callTimeout(Duration.ofSeconds(20))
					.retry(RetrySettings.builder()
						.delay(Duration.ofMillis(10))
						.maxDelay(Duration.ofMillis(50))
						.maxRetryAfter(Duration.ofSeconds(1))
						.build())
					.build()) {
			long heapBefore = usedHeapAfterGc();
			Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
			Long ended = Flux.range(0, CALLS)
				.flatMap((i) -> client.completionModel("m")
					.completeAsync(CompletionRequest.of("call " + i))
					.map((response) -> "success")
					.onErrorResume(LlmException.class, (ex) -> Mono.just(ex.getClass().getSimpleName()))
					.doOnNext((outcome) -> outcomes.computeIfAbsent(outcome, (key) -> new AtomicInteger())
						.incrementAndGet()), CONCURRENCY)
				.count()
				.block(Duration.ofMinutes(3));
			assertThat(ended).isEqualTo(CALLS);
			assertThat(outcomes.get("success").get()).isGreaterThan(CALLS * 95 / 100);
			assertThat(outcomes.keySet()).allMatch((outcome) -> outcome.equals("success") || outcome.startsWith("Llm"));
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(client.connectionPool().acquired()).isZero());
			assertThat(client.connectionPool().pending()).isZero();
			long heapGrowth = usedHeapAfterGc() - heapBefore;
			assertThat(heapGrowth).as("heap growth after GC").isLessThan(64L * 1024 * 1024);
		}
	}

	private static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			System.gc();
			sleep(100);
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
