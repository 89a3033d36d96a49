package dev.customllm.internal.telemetry;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.LlmOperation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LlmTelemetry}: what a call costs to observe depends on what can read
 * it.
 */
class LlmTelemetryTests {

	private static final LlmTelemetry.Call CALL = new LlmTelemetry.Call(LlmOperation.CHAT, "m", null);

	@Test
	void withoutRegistriesCallsAndStreamsAreLeftAsTheyAre() {
		LlmTelemetry telemetry = new LlmTelemetry(ObservationRegistry.NOOP, null, null, "vllm", false);
		AtomicInteger recorded = new AtomicInteger();
		Mono<String> call = Mono.just("answer");
		Flux<String> stream = Flux.just("a", "b");
		assertThat(telemetry.observing()).isFalse();
		assertThat(telemetry.observe(CALL, call, (context, answer) -> recorded.incrementAndGet())).isSameAs(call);
		assertThat(telemetry.observeStream(CALL, stream, (context, chunk) -> recorded.incrementAndGet()))
			.isSameAs(stream);
		assertThat(recorded).hasValue(0);
	}

	@Test
	void aMeterRegistryAloneGetsEveryCallObserved() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		LlmTelemetry telemetry = new LlmTelemetry(ObservationRegistry.NOOP, null, meters, "vllm", false);
		AtomicInteger recorded = new AtomicInteger();
		assertThat(telemetry.observing()).isTrue();
		assertThat(
				telemetry.observe(CALL, Mono.just("answer"), (context, answer) -> recorded.incrementAndGet()).block())
			.isEqualTo("answer");
		assertThat(recorded).hasValue(1);
		assertThat(meters.get("gen_ai.client.requests.active").gauge().value()).isZero();
	}

	@Test
	void handlersAddedAfterTheClientWasBuiltStillObserveItsCalls() {
		ObservationRegistry observations = ObservationRegistry.create();
		LlmTelemetry telemetry = new LlmTelemetry(observations, null, null, "vllm", false);
		assertThat(telemetry.observing()).isFalse();
		AtomicInteger started = new AtomicInteger();
		observations.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {

			@Override
			public void onStart(Observation.Context context) {
				started.incrementAndGet();
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		assertThat(telemetry.observing()).isTrue();
		telemetry.observe(CALL, Mono.just("answer"), (context, answer) -> {
		}).block();
		assertThat(started).hasValue(1);
	}

}
