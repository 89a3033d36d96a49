package dev.customllm.internal.resilience;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.LlmOperation;
import dev.customllm.logging.LogCaptureExtension;
import dev.customllm.logging.LogCaptureExtension.CapturedLog;
import dev.customllm.resilience.Bandwidth;
import dev.customllm.resilience.RateLimitStore;
import dev.customllm.resilience.SharedBucket;
import dev.customllm.resilience.RateLimitStoreStatus.State;
import dev.customllm.resilience.StoreFailureAction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StoreOutage}.
 */
@ExtendWith(LogCaptureExtension.class)
class StoreOutageTests {

	private static final Duration PROBE_INTERVAL = Duration.ofMillis(10);

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

	private final Probes probes = new Probes();

	private final AtomicInteger storeFailures = new AtomicInteger();

	private final ResilienceListener listener = new ResilienceListener() {

		@Override
		public void onLimitStoreFailure(LlmOperation operation, String limit) {
			StoreOutageTests.this.storeFailures.incrementAndGet();
		}

	};

	@AfterEach
	void stop() {
		this.scheduler.shutdownNow();
	}

	@Test
	void storeThatCannotBeReachedIsDownWhenTheProbeFailsTooWithOneWarning(CapturedLog log) {
		StoreOutage outage = outage(StoreFailureAction.LOCAL);
		this.probes.fail(Integer.MAX_VALUE);
		assertThat(outage.failed(new CompletionException(new ConnectException("Connection refused"))))
			.isCompletedWithValue(false);
		assertThat(outage.failed(new ConnectException("Connection refused"))).isCompletedWithValue(false);
		assertThat(outage.isDown()).isTrue();
		assertThat(outage.status().state()).isEqualTo(State.LOCAL_FALLBACK);
		assertThat(this.probes.count()).as("one probe, then none while down").isEqualTo(1);
		assertThat(log.getAll()).containsOnlyOnce("WARN")
			.contains("Rate-limit store test-store is unreachable (ConnectException: Connection refused; "
					+ "no answer to a probe); limits are kept per instance until it answers again");
	}

	@Test
	void connectionErrorIsNoOutageWhenTheStoreAnswersAProbe(CapturedLog log) {
		StoreOutage outage = outage(StoreFailureAction.REJECT);
		assertThat(outage.failed(new ConnectException("Connection refused"))).isCompletedWithValue(true);
		assertThat(outage.isDown()).isFalse();
		assertThat(this.probes.count()).isEqualTo(1);
		assertThat(log.getAll()).doesNotContain("WARN");
	}

	@Test
	void slowAnswerIsNoOutageWhenTheStoreAnswersAProbe(CapturedLog log) {
		StoreOutage outage = outage(StoreFailureAction.REJECT);
		assertThat(outage.failed(new CompletionException(new TimeoutException("took 500 ms"))))
			.isCompletedWithValue(true);
		assertThat(outage.isDown()).isFalse();
		assertThat(outage.status().state()).isEqualTo(State.SHARED);
		assertThat(this.probes.count()).isEqualTo(1);
		assertThat(log.getAll()).doesNotContain("WARN");
	}

	@Test
	void slowAnswerIsAnOutageWhenTheProbeGetsNoAnswerEither(CapturedLog log) {
		StoreOutage outage = outage(StoreFailureAction.REJECT);
		this.probes.fail(Integer.MAX_VALUE);
		assertThat(outage.failed(new CompletionException(new TimeoutException("timeout")))).isCompletedWithValue(false);
		assertThat(outage.status().state()).isEqualTo(State.REJECTING);
		assertThat(log.getAll()).contains("is unreachable (no answer in time, nor to a probe; TimeoutException")
			.contains("calls are rejected until it answers again");
	}

	@Test
	void slowAnswersAtOnceShareOneProbe() {
		StoreOutage outage = outage(StoreFailureAction.LOCAL);
		CompletableFuture<Object> answer = new CompletableFuture<>();
		this.probes.next(answer);
		CompletableFuture<Boolean> first = outage.failed(new TimeoutException());
		CompletableFuture<Boolean> second = outage.failed(new TimeoutException());
		answer.complete(5L);
		assertThat(first).isCompletedWithValue(true);
		assertThat(second).isCompletedWithValue(true);
		assertThat(this.probes.count()).isEqualTo(1);
	}

	@Test
	void storeThatIsDownIsProbedInTheBackgroundUntilItAnswersWithOneInfo(CapturedLog log) throws Exception {
		StoreOutage outage = outage(StoreFailureAction.LOCAL);
		this.probes.fail(4);
		outage.failed(new ConnectException("Connection refused"));
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (outage.isDown() && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		assertThat(outage.status().state()).isEqualTo(State.SHARED);
		assertThat(this.probes.count()).isEqualTo(5);
		assertThat(log.getAll()).containsOnlyOnce("WARN")
			.containsOnlyOnce("INFO")
			.contains("Rate-limit store test-store answers again after");
		this.probes.fail(Integer.MAX_VALUE);
		outage.failed(new ConnectException("Connection refused"));
		assertThat(outage.isDown()).as("a new outage").isTrue();
		assertThat(log.getAll().split("WARN", -1)).hasSize(3);
	}

	@Test
	void closedOutageStopsProbing() throws Exception {
		StoreOutage outage = outage(StoreFailureAction.LOCAL);
		this.probes.fail(Integer.MAX_VALUE);
		outage.failed(new ConnectException("Connection refused"));
		outage.close();
		Thread.sleep(PROBE_INTERVAL.toMillis() * 10);
		int probes = this.probes.count();
		Thread.sleep(PROBE_INTERVAL.toMillis() * 10);
		assertThat(this.probes.count()).isEqualTo(probes).isLessThanOrEqualTo(3);
	}

	@Test
	void callsThatFallBackAreCounted() {
		StoreOutage outage = outage(StoreFailureAction.LOCAL);
		outage.fellBack(LlmOperation.CHAT, "rate");
		outage.fellBack(LlmOperation.CHAT, "rate");
		assertThat(this.storeFailures).hasValue(2);
	}

	@Test
	void onlyTimeoutsAreSlowAnswers() {
		assertThat(StoreOutage.isSlowAnswer(new CompletionException(new TimeoutException()))).isTrue();
		assertThat(StoreOutage.isSlowAnswer(new IllegalStateException(new TimeoutException()))).isTrue();
		assertThat(StoreOutage.isSlowAnswer(new CompletionException(new ConnectException("refused")))).isFalse();
		assertThat(StoreOutage.isSlowAnswer(new IllegalStateException("Connection closed"))).isFalse();
	}

	private StoreOutage outage(StoreFailureAction action) {
		return new StoreOutage(new TestStore(), action, this.listener, this.probes, this.scheduler, PROBE_INTERVAL);
	}

	/**
	 * Probes that fail a given number of times, then answer; or answer with a given
	 * future.
	 */
	private static final class Probes implements Supplier<CompletableFuture<?>> {

		private final AtomicInteger count = new AtomicInteger();

		private final Deque<CompletableFuture<?>> next = new ArrayDeque<>();

		private volatile int failures;

		void fail(int times) {
			this.failures = times;
		}

		synchronized void next(CompletableFuture<?> answer) {
			this.next.add(answer);
		}

		int count() {
			return this.count.get();
		}

		@Override
		public synchronized CompletableFuture<?> get() {
			int probe = this.count.incrementAndGet();
			if (!this.next.isEmpty()) {
				return this.next.poll();
			}
			return (probe <= this.failures) ? CompletableFuture.failedFuture(new TimeoutException("no answer"))
					: CompletableFuture.completedFuture(20L);
		}

	}

	private static final class TestStore implements RateLimitStore {

		@Override
		public SharedBucket bucket(String limit, Bandwidth bandwidth) {
			throw new UnsupportedOperationException();
		}

		@Override
		public CompletableFuture<?> probe() {
			throw new UnsupportedOperationException();
		}

		@Override
		public String kind() {
			return "test";
		}

		@Override
		public String toString() {
			return "test-store";
		}

	}

}
