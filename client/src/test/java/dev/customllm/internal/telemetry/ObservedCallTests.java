package dev.customllm.internal.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import dev.customllm.LlmOperation;
import dev.customllm.observation.LlmObservationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the observation of unary calls ({@link LlmTelemetry#observe},
 * {@link ObservedCall}).
 */
class ObservedCallTests {

	private static final LlmTelemetry.Call CALL = new LlmTelemetry.Call(LlmOperation.CHAT, "qwen", null);

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final LlmTelemetry telemetry = new LlmTelemetry(this.observations, null, this.meters, "vllm", false);

	@Test
	void observationIsInTheCallsContextAndStoppedBeforeTheAnswerReachesTheCaller() {
		AtomicReference<Object> seenByTheCall = new AtomicReference<>();
		Mono<String> call = Mono.deferContextual((context) -> {
			seenByTheCall.set(context.getOrDefault(LlmTelemetry.OBSERVATION_KEY, null));
			return Mono.just("answer");
		});
		List<Boolean> stoppedBeforeTheAnswer = new ArrayList<>();
		this.telemetry.observe(CALL, call, (context, answer) -> context.setResponseModel("qwen-2"))
			.subscribe((answer) -> stoppedBeforeTheAnswer.add(activeCalls() == 0));
		assertThat(stoppedBeforeTheAnswer).containsExactly(true);
		assertThat(seenByTheCall.get()).isInstanceOfSatisfying(Observation.class,
				(observation) -> assertThat(observation.getContext()).isInstanceOf(LlmObservationContext.class));
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasSingleObservationThat()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("gen_ai.response.model", "qwen-2")
			.hasLowCardinalityKeyValue("error.type", "none");
	}

	@Test
	void observationOfTheSubscriberIsTheParent() {
		Observation parent = Observation.start("parent", this.observations);
		this.telemetry.observe(CALL, Mono.just("answer"), (context, answer) -> {
		}).contextWrite((context) -> context.put(LlmTelemetry.OBSERVATION_KEY, parent)).block();
		parent.stop();
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("gen_ai.client.operation")
			.that()
			.hasParentObservationEqualTo(parent);
	}

	@Test
	void failureIsObservedBeforeItReachesTheCaller() {
		List<Throwable> failures = new ArrayList<>();
		this.telemetry.observe(CALL, Mono.<String>error(new IllegalStateException("boom")), (context, answer) -> {
		}).subscribe(null, failures::add);
		assertThat(failures).singleElement().isInstanceOf(IllegalStateException.class);
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasSingleObservationThat()
			.hasBeenStopped()
			.hasError();
	}

	@Test
	void failureRecordingTheAnswerFailsTheCallAndIsObserved() {
		List<Throwable> failures = new ArrayList<>();
		List<String> answers = new ArrayList<>();
		this.telemetry.observe(CALL, Mono.just("answer"), (context, answer) -> {
			throw new IllegalArgumentException("unreadable");
		}).subscribe(answers::add, failures::add);
		assertThat(answers).isEmpty();
		assertThat(failures).singleElement().isInstanceOf(IllegalArgumentException.class);
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasSingleObservationThat()
			.hasBeenStopped()
			.hasError();
	}

	@Test
	void emptyCallIsObservedAsDone() {
		this.telemetry.observe(CALL, Mono.<String>empty(), (context, answer) -> {
		}).block();
		TestObservationRegistryAssert.assertThat(this.observations).hasSingleObservationThat().hasBeenStopped();
		assertThat(activeCalls()).isZero();
	}

	@Test
	void cancelledCallIsStoppedAndMarkedCancelled() {
		Sinks.One<String> answer = Sinks.one();
		Disposable call = this.telemetry.observe(CALL, answer.asMono(), (context, value) -> {
		}).subscribe();
		assertThat(activeCalls()).isOne();
		call.dispose();
		assertThat(activeCalls()).isZero();
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasSingleObservationThat()
			.hasBeenStopped()
			.satisfies((context) -> assertThat(((LlmObservationContext) context).isCancelled()).isTrue());
	}

	@Test
	void answerReachesTheCallerOnTheThreadThatProducedIt() throws InterruptedException {
		Sinks.One<String> answer = Sinks.one();
		AtomicReference<String> thread = new AtomicReference<>();
		this.telemetry.observe(CALL, answer.asMono(), (context, value) -> {
		}).subscribe((value) -> thread.set(Thread.currentThread().getName()));
		Thread producer = new Thread(() -> answer.tryEmitValue("hello"), "event-loop-like");
		producer.start();
		producer.join();
		assertThat(thread).hasValue("event-loop-like");
	}

	private double activeCalls() {
		return this.meters.get("gen_ai.client.requests.active").gauge().value();
	}

}
