package dev.customllm.internal.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConcurrencyLimiter}, on a timer the test fires by hand.
 */
class ConcurrencyLimiterTests {

	private static final Duration MAX_WAIT = Duration.ofSeconds(5);

	private final ManualTimer timer = new ManualTimer();

	private final ConcurrencyLimiter limiter = new ConcurrencyLimiter(1, this.timer::arm);

	private final List<Duration> waits = new ArrayList<>();

	@Test
	void callWithAPermitAtOnceArmsNoTimer() {
		assertThat(limited(Mono.just("answer")).block()).isEqualTo("answer");
		assertThat(limited(Mono.just("again")).block()).isEqualTo("again");
		assertThat(this.timer.armed).isEmpty();
		assertThat(this.waits).containsExactly(Duration.ZERO, Duration.ZERO);
	}

	@Test
	void waitingCallArmsOneTimerDisarmedWhenThePermitComes() {
		Sinks.One<String> first = Sinks.one();
		List<String> answers = new ArrayList<>();
		limited(first.asMono()).subscribe(answers::add);
		limited(Mono.just("second")).subscribe(answers::add);
		assertThat(this.timer.armed).singleElement().satisfies((armed) -> {
			assertThat(armed.delay).isEqualTo(MAX_WAIT);
			assertThat(armed.isCancelled()).isFalse();
		});
		first.tryEmitValue("first");
		assertThat(answers).containsExactlyInAnyOrder("first", "second");
		assertThat(this.timer.armed.get(0).isCancelled()).isTrue();
	}

	@Test
	void waitPastMaxWaitFailsTheCallAndLeavesTheQueue() {
		Sinks.One<String> first = Sinks.one();
		limited(first.asMono()).subscribe();
		List<Throwable> failures = new ArrayList<>();
		List<String> started = new ArrayList<>();
		limited(Mono.fromSupplier(() -> {
			started.add("second");
			return "second";
		})).subscribe(null, failures::add);
		this.timer.armed.get(0).fire();
		assertThat(failures).singleElement().isInstanceOf(TooLong.class);
		first.tryEmitValue("first");
		assertThat(started).isEmpty();
		assertThat(limited(Mono.just("third")).block()).isEqualTo("third");
	}

	@Test
	void cancelledWaitDisarmsItsTimerAndLeavesTheQueue() {
		Sinks.One<String> first = Sinks.one();
		limited(first.asMono()).subscribe();
		Disposable second = limited(Mono.just("second")).subscribe();
		second.dispose();
		assertThat(this.timer.armed).singleElement().satisfies((armed) -> assertThat(armed.isCancelled()).isTrue());
		first.tryEmitValue("first");
		assertThat(limited(Mono.just("third")).block()).isEqualTo("third");
		assertThat(this.timer.armed).hasSize(1);
	}

	private Mono<String> limited(Mono<String> call) {
		return this.limiter.limit(call, MAX_WAIT, Mono.error(TooLong::new), this.waits::add);
	}

	/**
	 * The failure of a wait past its longest.
	 */
	private static final class TooLong extends RuntimeException {

	}

}
