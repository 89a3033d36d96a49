package dev.customllm.routing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.CompletionResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the routing strategies against simulated deployments.
 */
class RoutingStrategyTests {

	private static final CompletionRequest REQUEST = CompletionRequest.of("Say something.");

	private static RoutedDeployments deployments;

	@BeforeAll
	static void start() {
		deployments = new RoutedDeployments("zone-a", "zone-b");
	}

	@AfterAll
	static void stop() {
		deployments.close();
	}

	@BeforeEach
	void reset() {
		deployments.simulated.reset();
	}

	private static CompletionRouter.Builder router(RoutingStrategy strategy, int weightA, int weightB) {
		return CompletionRouter.builder()
			.name("chat")
			.strategy(strategy)
			.deployment("zone-a", deployments.clients.get("zone-a").completionModel("qwen3"), weightA)
			.deployment("zone-b", deployments.clients.get("zone-b").completionModel("qwen3"), weightB);
	}

	private static ConcurrentMap<String, AtomicInteger> answers(CompletionRouter router, int calls, int concurrency) {
		ConcurrentMap<String, AtomicInteger> answers = new ConcurrentHashMap<>();
		Flux.range(0, calls)
			.flatMap((i) -> router.completeAsync(REQUEST), concurrency)
			.map(CompletionResponse::deployment)
			.doOnNext(
					(deployment) -> answers.computeIfAbsent(deployment, (key) -> new AtomicInteger()).incrementAndGet())
			.blockLast(Duration.ofSeconds(60));
		return answers;
	}

	@Test
	void weightsOfThreeToOneGiveThreeQuartersOfTheCallsToTheHeavierDeployment() {
		CompletionRouter router = router(RoutingStrategy.WEIGHTED, 1, 3).build();
		ConcurrentMap<String, AtomicInteger> answers = answers(router, 400, 8);
		assertThat(answers.get("zone-b").get() / 400.0).isBetween(0.68, 0.82);
		assertThat(answers.get("zone-a").get() + answers.get("zone-b").get()).isEqualTo(400);
	}

	@Test
	void leastBusySendsMostCallsAwayFromTheSlowDeployment() {
		deployments.simulated.slow("zone-a", Duration.ofMillis(300));
		CompletionRouter router = router(RoutingStrategy.LEAST_BUSY, 1, 1).build();
		// four callers: the slow deployment holds two of them, the fast one answers the
		// rest
		ConcurrentMap<String, AtomicInteger> answers = answers(router, 80, 4);
		assertThat(answers.get("zone-b").get()).isGreaterThan(56);
	}

	@Test
	void lowestLatencySendsMostCallsToTheFasterDeploymentAndStillExplores() {
		deployments.simulated.slow("zone-a", Duration.ofMillis(100));
		CompletionRouter router = router(RoutingStrategy.LOWEST_LATENCY, 1, 1).build();
		ConcurrentMap<String, AtomicInteger> answers = answers(router, 200, 1);
		assertThat(answers.get("zone-b").get()).isGreaterThan(170);
		assertThat(answers.get("zone-a").get()).isGreaterThan(1);
	}

	@Test
	void priorityKeepsEveryCallOnTheFirstHealthyDeployment() {
		CompletionRouter router = router(RoutingStrategy.PRIORITY, 1, 1).build();
		ConcurrentMap<String, AtomicInteger> answers = answers(router, 20, 4);
		assertThat(answers.keySet()).isEqualTo(java.util.Set.of("zone-a"));
		assertThat(List.copyOf(answers.values()).get(0).get()).isEqualTo(20);
	}

}
