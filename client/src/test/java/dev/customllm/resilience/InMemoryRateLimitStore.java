package dev.customllm.resilience;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake shared store in memory, for the clients of one test: it can be made unreachable
 * or slow, and counts the requests it got.
 */
final class InMemoryRateLimitStore implements RateLimitStore {

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	final AtomicInteger requests = new AtomicInteger();

	/** Whether every request fails as if the store could not be reached. */
	volatile boolean down;

	/** How many of the next requests time out. */
	final AtomicInteger slowAnswers = new AtomicInteger();

	@Override
	public SharedBucket bucket(String limit, Bandwidth bandwidth) {
		return this.buckets.computeIfAbsent(limit, (name) -> new Bucket(bandwidth));
	}

	@Override
	public CompletableFuture<?> probe() {
		return answer(() -> "PONG");
	}

	@Override
	public String kind() {
		return "memory";
	}

	@Override
	public String toString() {
		return "memory://test";
	}

	private <T> CompletableFuture<T> answer(java.util.function.Supplier<T> answer) {
		this.requests.incrementAndGet();
		if (this.down) {
			return CompletableFuture.failedFuture(new ConnectException("Connection refused"));
		}
		if (this.slowAnswers.getAndUpdate((slow) -> Math.max(0, slow - 1)) > 0) {
			return CompletableFuture.failedFuture(new TimeoutException("no answer within 500 ms"));
		}
		return CompletableFuture.completedFuture(answer.get());
	}

	/**
	 * A greedy bucket with a floating-point refill: good enough for a fake.
	 */
	private final class Bucket implements SharedBucket {

		private final Bandwidth bandwidth;

		private double tokens;

		private long refilledAt = System.nanoTime();

		Bucket(Bandwidth bandwidth) {
			this.bandwidth = bandwidth;
			this.tokens = bandwidth.capacity();
		}

		private synchronized long reserve(long tokens, Duration maxWait) {
			long now = System.nanoTime();
			double perNano = (double) this.bandwidth.refillTokens() / this.bandwidth.refillPeriodNanos();
			this.tokens = Math.min(this.bandwidth.capacity(), this.tokens + (now - this.refilledAt) * perNano);
			this.refilledAt = now;
			long wait = (this.tokens >= tokens) ? 0 : (long) Math.ceil((tokens - this.tokens) / perNano);
			if (wait > maxWait.toNanos()) {
				return -1;
			}
			this.tokens -= tokens;
			return wait;
		}

		private synchronized void add(long tokens) {
			this.tokens = Math.min(this.bandwidth.capacity(), this.tokens + tokens);
		}

		@Override
		public CompletableFuture<Boolean> tryConsume(long tokens, Duration maxWait,
				ScheduledExecutorService scheduler) {
			return answer(() -> reserve(tokens, maxWait)).thenCompose((wait) -> {
				if (wait <= 0) {
					return CompletableFuture.completedFuture(wait == 0);
				}
				CompletableFuture<Boolean> granted = new CompletableFuture<>();
				scheduler.schedule(() -> granted.complete(true), wait, TimeUnit.NANOSECONDS);
				return granted;
			});
		}

		@Override
		public CompletableFuture<Void> consumeIgnoringLimit(long tokens) {
			return answer(() -> {
				add(-tokens);
				return null;
			});
		}

		@Override
		public CompletableFuture<Void> addTokens(long tokens) {
			return answer(() -> {
				add(tokens);
				return null;
			});
		}

		@Override
		public synchronized CompletableFuture<Long> availableTokens() {
			return answer(() -> (long) this.tokens);
		}

	}

}
