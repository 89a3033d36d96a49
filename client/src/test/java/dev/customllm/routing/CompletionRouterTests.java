package dev.customllm.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.LlmApiException;
import dev.customllm.LlmException;
import dev.customllm.LlmRequestException;
import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.CompletionResponse;
import dev.customllm.logging.LogCaptureExtension;
import dev.customllm.logging.LogCaptureExtension.CapturedLog;
import dev.customllm.routing.DeploymentStatus.State;
import dev.customllm.test.LlmFault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests of {@link CompletionRouter} against three simulated deployments.
 */
class CompletionRouterTests {

	private static final CompletionRequest REQUEST = CompletionRequest.of("Say something.");

	private static RoutedDeployments deployments;

	@BeforeAll
	static void start() {
		deployments = new RoutedDeployments("zone-a", "zone-b", "openai");
	}

	@AfterAll
	static void stop() {
		deployments.close();
	}

	@BeforeEach
	void reset() {
		deployments.simulated.reset();
		deployments.meters.clear();
		deployments.observations.clear();
	}

	@Test
	void healthyFirstDeploymentAnswersAndSaysSo() {
		CompletionRouter router = deployments.router().build();
		CompletionResponse response = router.complete(REQUEST);
		assertThat(response.deployment()).isEqualTo("zone-a");
		assertThat(deployments.allCalls()).containsExactly(1, 0, 0);
		assertThat(deployments.failovers()).isZero();
	}

	@Test
	void unavailableFirstDeploymentIsAnsweredBySecondWithOneFailoverCounted() {
		deployments.simulated.down("zone-a");
		CompletionRouter router = deployments.router().build();
		CompletionResponse response = router.complete(REQUEST);
		assertThat(response.deployment()).isEqualTo("zone-b");
		assertThat(response.text()).isNotEmpty();
		assertThat(deployments.allCalls()).containsExactly(1, 1, 0);
		assertThat(deployments.failovers("zone-a", "zone-b", "status_503")).isEqualTo(1);
		assertThat(deployments.failovers()).isEqualTo(1);
	}

	@Test
	void callObservationCarriesRouteAndAnsweringDeployment() {
		deployments.simulated.down("zone-a");
		deployments.router().build().complete(REQUEST);
		TestObservationRegistryAssert.assertThat(deployments.observations)
			.hasNumberOfObservationsWithNameEqualTo("gen_ai.client.operation", 2)
			.hasAnObservation((observation) -> observation.hasLowCardinalityKeyValue("custom.llm.route", "chat")
				.hasLowCardinalityKeyValue("custom.llm.deployment", "zone-b")
				.hasLowCardinalityKeyValue("error.type", "none"))
			.hasAnObservation((observation) -> observation.hasLowCardinalityKeyValue("custom.llm.deployment", "zone-a")
				.hasLowCardinalityKeyValue("error.type", "LlmApiException"));
	}

	@Test
	void deadDeploymentGetsNoCallDuringCooldownAndExactlyOneProbeAfterIt() {
		deployments.simulated.down("zone-a");
		CompletionRouter router = deployments.router().allowedFails(2).cooldown(Duration.ofSeconds(30)).build();
		for (int i = 0; i < 6; i++) {
			assertThat(router.complete(REQUEST).deployment()).isEqualTo("zone-b");
		}
		assertThat(deployments.calls("zone-a")).isEqualTo(2);
		assertThat(router.deployments().get(0).state()).isEqualTo(State.COOLING);
		deployments.advance(Duration.ofSeconds(29));
		router.complete(REQUEST);
		assertThat(deployments.calls("zone-a")).isEqualTo(2);
		deployments.advance(Duration.ofSeconds(2));
		assertThat(router.deployments().get(0).state()).isEqualTo(State.HALF_OPEN);
		for (int i = 0; i < 4; i++) {
			assertThat(router.complete(REQUEST).deployment()).isEqualTo("zone-b");
		}
		assertThat(deployments.calls("zone-a")).isEqualTo(3);
		assertThat(router.deployments().get(0).state()).isEqualTo(State.COOLING);
	}

	@Test
	void successfulProbeBringsDeploymentBackToFullTraffic() {
		deployments.simulated.down("zone-a");
		CompletionRouter router = deployments.router().allowedFails(1).cooldown(Duration.ofSeconds(10)).build();
		router.complete(REQUEST);
		deployments.simulated.heal("zone-a");
		deployments.advance(Duration.ofSeconds(11));
		assertThat(router.complete(REQUEST).deployment()).isEqualTo("zone-a");
		assertThat(router.deployments().get(0)).isEqualTo(new DeploymentStatus("zone-a", State.HEALTHY, null));
		assertThat(router.complete(REQUEST).deployment()).isEqualTo("zone-a");
	}

	@Test
	@ExtendWith(LogCaptureExtension.class)
	void eachTransitionIsLoggedOnceNotPerCall(CapturedLog log) {
		deployments.simulated.down("zone-a");
		CompletionRouter router = deployments.router().allowedFails(1).cooldown(Duration.ofSeconds(10)).build();
		for (int i = 0; i < 5; i++) {
			router.complete(REQUEST);
		}
		deployments.simulated.heal("zone-a");
		deployments.advance(Duration.ofSeconds(11));
		for (int i = 0; i < 5; i++) {
			router.complete(REQUEST);
		}
		String all = log.getAll();
		assertThat(all.split("cools down until", -1)).hasSize(2);
		assertThat(all).contains("WARN").contains("Deployment 'zone-a' of route 'chat' cools down until");
		assertThat(all.split("Cooldown of deployment 'zone-a' of route 'chat' ended", -1)).hasSize(2);
		assertThat(all.split("Deployment 'zone-a' of route 'chat' is healthy again", -1)).hasSize(2);
	}

	@Test
	void badRequestIsNotFailedOver() {
		deployments.simulated.fail("zone-a", LlmFault.status(400, "Unknown parameter: 'foo'."));
		CompletionRouter router = deployments.router().build();
		LlmApiException failure = catchThrowableOfType(LlmApiException.class, () -> router.complete(REQUEST));
		assertThat(failure.status()).isEqualTo(400);
		assertThat(earlierFailures(failure)).isEmpty();
		assertThat(deployments.allCalls()).containsExactly(1, 0, 0);
		assertThat(router.deployments().get(0).state()).isEqualTo(State.HEALTHY);
	}

	@Test
	void notFoundAndUnprocessableAreNotFailedOver() {
		for (int status : new int[] { 401, 403, 404, 422 }) {
			deployments.simulated.reset();
			deployments.simulated.fail("zone-a", LlmFault.status(status, "no"));
			CompletionRouter router = deployments.router().build();
			assertThatExceptionOfType(LlmApiException.class).isThrownBy(() -> router.complete(REQUEST))
				.satisfies((failure) -> assertThat(failure.status()).isEqualTo(status));
			assertThat(deployments.allCalls()).containsExactly(1, 0, 0);
		}
	}

	@Test
	void routeCanFailOverOnUnauthorized() {
		deployments.simulated.fail("zone-a", LlmFault.status(401, "Incorrect API key provided."));
		CompletionRouter router = deployments.router().failoverOn(401).build();
		assertThat(router.complete(REQUEST).deployment()).isEqualTo("zone-b");
		assertThat(deployments.failovers("zone-a", "zone-b", "status_401")).isEqualTo(1);
	}

	@Test
	void refusedConnectionFailsOver() {
		CompletionModel closed = dev.customllm.CustomLlmClient.builder()
			.baseUrl("http://127.0.0.1:1/v1")
			.retry(dev.customllm.resilience.RetrySettings.NONE)
			.build()
			.completionModel("qwen3");
		CompletionRouter router = CompletionRouter.builder()
			.name("chat")
			.meterRegistry(deployments.meters)
			.deployment("gone", closed)
			.deployment("zone-b", deployments.clients.get("zone-b").completionModel("qwen3"))
			.build();
		assertThat(router.complete(REQUEST).deployment()).isEqualTo("zone-b");
		assertThat(deployments.failovers("gone", "zone-b", "connection_refused")).isEqualTo(1);
	}

	@Test
	void whenEveryDeploymentFailsTheLastFailureNamesEachOneTriedWithTheOthersSuppressed() {
		deployments.simulated.down("zone-a");
		deployments.simulated.fail("zone-b", LlmFault.status(502, "Bad gateway"));
		deployments.simulated.fail("openai", LlmFault.status(500, "Internal error"));
		CompletionRouter router = deployments.router().build();
		LlmApiException failure = catchThrowableOfType(LlmApiException.class, () -> router.complete(REQUEST));
		assertThat(failure.status()).isEqualTo(500);
		assertThat(failure.getMessage()).contains("Internal error")
			.contains("route 'chat' tried zone-a (status_503), zone-b (status_502), openai (status_500)");
		assertThat(earlierFailures(failure)).hasSize(2)
			.allSatisfy((earlier) -> assertThat(earlier).isInstanceOf(LlmApiException.class));
		assertThat(((LlmApiException) earlierFailures(failure).get(0)).status()).isEqualTo(503);
		assertThat(deployments.allCalls()).containsExactly(1, 1, 1);
	}

	@Test
	void rateLimitWithRetryAfterCoolsTheDeploymentForThatLong() {
		deployments.simulated.fail("zone-a", LlmFault.rateLimited(Duration.ofSeconds(20)));
		CompletionRouter router = deployments.router().allowedFails(3).build();
		long now = deployments.clock.get();
		assertThat(router.complete(REQUEST).deployment()).isEqualTo("zone-b");
		DeploymentStatus status = router.deployments().get(0);
		assertThat(status.state()).isEqualTo(State.COOLING);
		assertThat(status.coolingUntil()).isEqualTo(Instant.ofEpochMilli(now + 20_000));
	}

	@Test
	void whenEveryDeploymentCoolsTheOneWhoseCooldownEndsFirstIsTried() {
		deployments.simulated.fail("zone-a", LlmFault.rateLimited(Duration.ofSeconds(50)));
		deployments.simulated.fail("zone-b", LlmFault.rateLimited(Duration.ofSeconds(10)));
		deployments.simulated.fail("openai", LlmFault.rateLimited(Duration.ofSeconds(30)));
		CompletionRouter router = deployments.router().build();
		assertThatExceptionOfType(LlmApiException.class).isThrownBy(() -> router.complete(REQUEST));
		assertThat(router.deployments()).extracting(DeploymentStatus::state).containsOnly(State.COOLING);
		deployments.simulated.reset();
		assertThat(router.complete(REQUEST).deployment()).isEqualTo("zone-b");
		assertThat(deployments.allCalls()).containsExactly(0, 1, 0);
	}

	@Test
	void promptTooLongForTheContextWindowGoesToTheFallback() {
		deployments.simulated.fail("zone-a", LlmFault.status(400,
				"This model's maximum context length is 8192 tokens. However, you requested 9000."));
		CompletionRouter large = CompletionRouter.builder()
			.name("large")
			.deployment("openai", deployments.clients.get("openai").completionModel("gpt-4.1"))
			.build();
		CompletionRouter router = CompletionRouter.builder()
			.name("chat")
			.meterRegistry(deployments.meters)
			.deployment("zone-a", deployments.clients.get("zone-a").completionModel("qwen3"))
			.deployment("zone-b", deployments.clients.get("zone-b").completionModel("qwen3"))
			.contextWindowFallback(large)
			.build();
		assertThat(router.complete(REQUEST).deployment()).isEqualTo("openai");
		assertThat(deployments.allCalls()).containsExactly(1, 0, 1);
		assertThat(deployments.failovers("zone-a", "large", "context_window")).isEqualTo(1);
	}

	@Test
	void streamWhoseFirstDeploymentDiesBeforeTheFirstChunkIsAnsweredByTheSecond() {
		deployments.simulated.fail("zone-a", LlmFault.connectionReset());
		deployments.simulated.deployment("zone-b").chat().streams("Hello", " from", " zone-b");
		CompletionRouter router = deployments.router().build();
		List<CompletionChunk> chunks = router.stream(REQUEST).collectList().block();
		assertThat(chunks).isNotNull();
		assertThat(String.join("", chunks.stream().map(CompletionChunk::text).toList())).isEqualTo("Hello from zone-b");
		assertThat(deployments.allCalls()).containsExactly(1, 1, 0);
		assertThat(deployments.failovers()).isEqualTo(1);
	}

	@Test
	void streamThatDiesMidwayEndsInTypedErrorNamingTheDeploymentWithNothingDuplicated() {
		deployments.simulated.fail("zone-a", LlmFault.cutStream("Hello", " wor"));
		CompletionRouter router = deployments.router().build();
		List<String> seen = new CopyOnWriteArrayList<>();
		LlmException failure = catchThrowableOfType(LlmException.class,
				() -> router.stream(REQUEST).doOnNext((chunk) -> seen.add(chunk.text())).blockLast());
		assertThat(failure).isInstanceOfAny(LlmRequestException.class, LlmApiException.class,
				dev.customllm.LlmResponseException.class);
		assertThat(failure.getMessage()).contains("deployment 'zone-a' of route 'chat' broke off the stream");
		assertThat(String.join("", seen)).isEqualTo("Hello wor");
		assertThat(deployments.allCalls()).containsExactly(1, 0, 0);
	}

	/**
	 * The suppressed failures of the call's attempts, without the one {@code block()}
	 * adds.
	 */
	private static List<Throwable> earlierFailures(Throwable failure) {
		return java.util.Arrays.stream(failure.getSuppressed())
			.filter((suppressed) -> suppressed instanceof LlmException)
			.toList();
	}

}
