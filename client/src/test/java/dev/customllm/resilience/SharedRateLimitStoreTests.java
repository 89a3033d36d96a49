package dev.customllm.resilience;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmRequestException;
import dev.customllm.LlmRequestException.Kind;
import dev.customllm.completion.CompletionModel;
import dev.customllm.resilience.RateLimitStoreStatus.State;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The client's limits on a shared {@link RateLimitStore}, through a fake store in memory:
 * what the client does with the SPI's answers, failures and timeouts.
 */
class SharedRateLimitStoreTests {

	private final InMemoryRateLimitStore store = new InMemoryRateLimitStore();

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final TestServer server;

	SharedRateLimitStoreTests() throws Exception {
		this.server = new TestServer((exchange) -> TestServer.respond(exchange, 200, TestServer.ANSWER), 4);
	}

	@AfterEach
	void close() {
		this.server.close();
	}

	private CustomLlmClient client(StoreFailureAction onStoreFailure) {
		return client(5.0, onStoreFailure);
	}

	private CustomLlmClient client(double requestsPerSecond, StoreFailureAction onStoreFailure) {
		return CustomLlmClient.builder()
			.baseUrl(this.server.baseUrl())
			.retry(RetrySettings.NONE)
			.rateLimits(RateLimitSettings.builder()
				.requestsPerSecond(requestsPerSecond)
				.maxWait(Duration.ofMillis(50))
				.onStoreFailure(onStoreFailure)
				.build())
			.rateLimitStore(this.store)
			.meterRegistry(this.meters)
			.build();
	}

	private static int callsUntilRefused(CompletionModel model) {
		for (int calls = 0; calls < 100; calls++) {
			try {
				model.complete("hello");
			}
			catch (LlmRequestException ex) {
				assertThat(ex.kind()).isEqualTo(Kind.CLIENT_LIMIT);
				return calls;
			}
		}
		return 100;
	}

	@Test
	void clientsOnOneStoreShareItsBucket() {
		// a bucket of one request, refilled every 5 s: no refill within the test
		try (CustomLlmClient first = client(0.2, StoreFailureAction.LOCAL);
				CustomLlmClient second = client(0.2, StoreFailureAction.LOCAL)) {
			int granted = callsUntilRefused(first.completionModel("m"));
			assertThat(granted).as("the burst of 1").isEqualTo(1);
			assertThatExceptionOfType(LlmRequestException.class)
				.isThrownBy(() -> second.completionModel("m").complete("hello"));
			assertThat(this.meters.get("gen_ai.client.rate_limit.permits").tag("store", "memory").counter().count())
				.isEqualTo(granted);
			assertThat(first.rateLimitStoreStatus()).get()
				.extracting(RateLimitStoreStatus::state)
				.isEqualTo(State.SHARED);
		}
	}

	@Test
	void unreachableStoreFallsBackToLocalLimitsUntilAProbeGetsAnAnswer() throws Exception {
		try (CustomLlmClient client = client(StoreFailureAction.LOCAL)) {
			this.store.down = true;
			assertThat(client.completionModel("m").complete("hello")).isEqualTo("ok");
			assertThat(client.rateLimitStoreStatus()).get()
				.satisfies((status) -> assertThat(status.state()).isEqualTo(State.LOCAL_FALLBACK))
				.satisfies((status) -> assertThat(status.store()).isEqualTo("memory://test"));
			int requestsWhileDown = this.store.requests.get();
			assertThat(client.completionModel("m").complete("hello")).isEqualTo("ok");
			assertThat(this.meters.get("gen_ai.client.rate_limit.permits").tag("store", "local").counter().count())
				.isEqualTo(2);
			this.store.down = false;
			long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			while (client.rateLimitStoreStatus().get().state() != State.SHARED && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(client.rateLimitStoreStatus().get().state()).isEqualTo(State.SHARED);
			assertThat(this.store.requests.get()).as("probes while down").isGreaterThan(requestsWhileDown);
		}
	}

	@Test
	void rejectActionRefusesCallsWhileTheStoreIsUnreachable() {
		try (CustomLlmClient client = client(StoreFailureAction.REJECT)) {
			this.store.down = true;
			assertThatExceptionOfType(LlmRequestException.class)
				.isThrownBy(() -> client.completionModel("m").complete("hello"))
				.withMessageContaining("its store memory://test is unreachable and on-store-failure is reject");
			assertThat(client.rateLimitStoreStatus().get().state()).isEqualTo(State.REJECTING);
		}
	}

	@Test
	void slowAnswerIsAskedAgainWhenTheStoreAnswersTheProbe() {
		try (CustomLlmClient client = client(StoreFailureAction.REJECT)) {
			this.store.slowAnswers.set(1);
			assertThat(client.completionModel("m").complete("hello")).isEqualTo("ok");
			assertThat(client.rateLimitStoreStatus().get().state()).isEqualTo(State.SHARED);
			assertThat(this.store.requests.get()).as("the ask, the probe, the second ask").isEqualTo(3);
			assertThat(this.meters.find("gen_ai.client.rate_limit.store.failures").counter()).isNull();
		}
	}

	@Test
	void slowAnswerIsAnOutageWhenTheProbeTimesOutToo() {
		try (CustomLlmClient client = client(StoreFailureAction.REJECT)) {
			this.store.slowAnswers.set(2);
			assertThatExceptionOfType(LlmRequestException.class)
				.isThrownBy(() -> client.completionModel("m").complete("hello"))
				.withMessageContaining("is unreachable");
			assertThat(client.rateLimitStoreStatus().get().state()).isEqualTo(State.REJECTING);
		}
	}

}
