package dev.customllm.internal.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import dev.customllm.LlmOperation;
import dev.customllm.LlmRequestException;
import dev.customllm.LlmRequestException.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link CallDeadline}, on a timer the test fires by hand.
 */
class CallDeadlineTests {

	private final ManualTimer timer = new ManualTimer();

	@Test
	void armsOneTimerTaskPerCallAndDisarmsItWhenTheAnswerArrives() {
		Sinks.One<String> answer = Sinks.one();
		Outcome outcome = Outcome.of(deadline(answer.asMono()));
		assertThat(this.timer.armed).singleElement().satisfies((armed) -> {
			assertThat(armed.delay).isEqualTo(Duration.ofSeconds(30));
			assertThat(armed.isCancelled()).isFalse();
		});
		answer.tryEmitValue("hello");
		assertThat(outcome.values).containsExactly("hello");
		assertThat(outcome.completed).isTrue();
		assertThat(this.timer.armed.get(0).isCancelled()).isTrue();
	}

	@Test
	void answerReachesTheCallerOnTheThreadThatProducedIt() throws InterruptedException {
		Sinks.One<String> answer = Sinks.one();
		AtomicReference<String> thread = new AtomicReference<>();
		deadline(answer.asMono()).subscribe((value) -> thread.set(Thread.currentThread().getName()));
		Thread producer = new Thread(() -> answer.tryEmitValue("hello"), "event-loop-like");
		producer.start();
		producer.join();
		assertThat(thread).hasValue("event-loop-like");
	}

	@Test
	void failureDisarmsTheTimerAndReachesTheCallerUnchanged() {
		Sinks.One<String> answer = Sinks.one();
		Outcome outcome = Outcome.of(deadline(answer.asMono()));
		IllegalStateException failure = new IllegalStateException("boom");
		answer.tryEmitError(failure);
		assertThat(outcome.failure).isSameAs(failure);
		assertThat(this.timer.armed).singleElement().satisfies((armed) -> assertThat(armed.isCancelled()).isTrue());
	}

	@Test
	void anAnswerGivenAtSubscriptionLeavesNoTimerArmed() {
		Outcome outcome = Outcome.of(deadline(Mono.just("at once")));
		assertThat(outcome.values).containsExactly("at once");
		assertThat(outcome.completed).isTrue();
		assertThat(this.timer.armed).allSatisfy((armed) -> assertThat(armed.isCancelled()).isTrue());
	}

	@Test
	void theSharedTimerFailsACallThatTakesTooLong() {
		Mono<String> call = new CallDeadline(Duration.ofMillis(50)).apply(Mono.never(), LlmOperation.CHAT);
		assertThat(catchThrowable(() -> call.block(Duration.ofSeconds(5)))).isInstanceOfSatisfying(
				LlmRequestException.class, (request) -> assertThat(request.kind()).isEqualTo(Kind.DEADLINE));
	}

	@Test
	void deadlineCancelsTheCallAndFailsItAsDeadline() {
		AtomicBoolean cancelled = new AtomicBoolean();
		Outcome outcome = Outcome.of(deadline(Mono.<String>never().doOnCancel(() -> cancelled.set(true))));
		this.timer.armed.get(0).fire();
		assertThat(cancelled).isTrue();
		assertThat(outcome.failure).isInstanceOfSatisfying(LlmRequestException.class, (request) -> {
			assertThat(request.kind()).isEqualTo(Kind.DEADLINE);
			assertThat(request).hasMessageContaining("call timeout of 30000 ms");
		});
	}

	@Test
	void anAnswerAfterTheDeadlineIsDropped() {
		Sinks.One<String> answer = Sinks.one();
		Outcome outcome = Outcome.of(deadline(answer.asMono()));
		this.timer.armed.get(0).fire();
		answer.tryEmitValue("late");
		assertThat(outcome.values).isEmpty();
		assertThat(outcome.completed).isFalse();
		assertThat(outcome.failure).isInstanceOf(LlmRequestException.class);
	}

	@Test
	void cancellingTheCallDisarmsTheTimer() {
		AtomicBoolean cancelled = new AtomicBoolean();
		Disposable call = deadline(Mono.<String>never().doOnCancel(() -> cancelled.set(true))).subscribe();
		call.dispose();
		assertThat(cancelled).isTrue();
		assertThat(this.timer.armed).singleElement().satisfies((armed) -> assertThat(armed.isCancelled()).isTrue());
	}

	@Test
	void deadlineAfterTheAnswerChangesNothing() {
		Sinks.One<String> answer = Sinks.one();
		Outcome outcome = Outcome.of(deadline(answer.asMono()));
		answer.tryEmitValue("first");
		this.timer.armed.get(0).fire();
		assertThat(outcome.values).containsExactly("first");
		assertThat(outcome.completed).isTrue();
		assertThat(outcome.failure).isNull();
	}

	private Mono<String> deadline(Mono<String> call) {
		return new CallDeadline(Duration.ofSeconds(30), this.timer::arm).apply(call, LlmOperation.CHAT);
	}

	/**
	 * What a subscriber received.
	 */
	private static final class Outcome {

		private final List<String> values = new ArrayList<>();

		private boolean completed;

		private @Nullable Throwable failure;

		static Outcome of(Mono<String> call) {
			Outcome outcome = new Outcome();
			call.subscribe(outcome.values::add, (failure) -> outcome.failure = failure, () -> outcome.completed = true);
			return outcome;
		}

	}

}
