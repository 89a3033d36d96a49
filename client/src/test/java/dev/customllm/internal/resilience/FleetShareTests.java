package dev.customllm.internal.resilience;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.customllm.resilience.Bandwidth;
import dev.customllm.resilience.RateLimitStore;
import dev.customllm.resilience.SharedBucket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FleetShare}.
 */
class FleetShareTests {

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

	@AfterEach
	void stop() {
		this.scheduler.shutdownNow();
	}

	@Test
	void shareDividesTheRateExactlyWithAtLeastOneTokenOfCapacity() {
		Bandwidth twentyPerSecond = new Bandwidth(20, 20, Duration.ofSeconds(1));
		Bandwidth third = FleetShare.share(twentyPerSecond, 3);
		assertThat(third.capacity()).isEqualTo(6);
		assertThat(perSecond(third)).isCloseTo(20.0 / 3, org.assertj.core.api.Assertions.within(0.001));
		Bandwidth tiny = FleetShare.share(new Bandwidth(2, 2, Duration.ofSeconds(1)), 5);
		assertThat(tiny.capacity()).isEqualTo(1);
		assertThat(perSecond(tiny)).isCloseTo(0.4, org.assertj.core.api.Assertions.within(0.001));
		assertThat(FleetShare.share(twentyPerSecond, 1)).isSameAs(twentyPerSecond);
	}

	@Test
	void instancesAreTheLargerOfTheExpectedAndTheLastHeartbeatCount() throws Exception {
		AtomicInteger count = new AtomicInteger(4);
		Store store = new Store(count);
		try (FleetShare share = new FleetShare(store, 2, this.scheduler, Duration.ofMillis(10), (latency) -> {
		})) {
			awaitInstances(share, 4);
			count.set(1);
			awaitInstances(share, 2);
			store.down = true;
			Thread.sleep(50);
			assertThat(share.instances()).as("the last count, while the store is lost").isEqualTo(2);
		}
		assertThat(store.left).hasValue(1);
	}

	@Test
	void withoutExpectedInstancesOrHeartbeatsAnInstanceKeepsTheWholeLimit() {
		Store store = new Store(new AtomicInteger(0));
		try (FleetShare share = new FleetShare(store, null, this.scheduler, Duration.ofMillis(10), (latency) -> {
		})) {
			assertThat(share.instances()).isEqualTo(1);
		}
	}

	private static void awaitInstances(FleetShare share, int instances) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (share.instances() != instances && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		assertThat(share.instances()).isEqualTo(instances);
	}

	private static double perSecond(Bandwidth bandwidth) {
		return bandwidth.refillTokens() * 1e9 / bandwidth.refillPeriodNanos();
	}

	private static final class Store implements RateLimitStore {

		private final AtomicInteger count;

		private final AtomicInteger left = new AtomicInteger();

		private volatile boolean down;

		Store(AtomicInteger count) {
			this.count = count;
		}

		@Override
		public SharedBucket bucket(String limit, Bandwidth bandwidth) {
			throw new UnsupportedOperationException();
		}

		@Override
		public CompletableFuture<?> probe() {
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public CompletableFuture<Integer> heartbeat(String instance) {
			return this.down ? CompletableFuture.failedFuture(new java.net.ConnectException("refused"))
					: CompletableFuture.completedFuture(this.count.get());
		}

		@Override
		public CompletableFuture<Void> leave(String instance) {
			this.left.incrementAndGet();
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public String kind() {
			return "test";
		}

	}

}
