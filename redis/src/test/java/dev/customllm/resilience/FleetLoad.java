package dev.customllm.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.customllm.completion.CompletionModel;
import dev.customllm.redis.RedisServers;

/**
 * Drives calls from several instances at once, against a server that records when each
 * request arrived.
 */
final class FleetLoad implements AutoCloseable {

	private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();

	private final TestServer server;

	private final AtomicInteger successes = new AtomicInteger();

	private final AtomicInteger failures = new AtomicInteger();

	FleetLoad() throws Exception {
		this.server = new TestServer((exchange) -> {
			this.arrivals.add(System.nanoTime());
			TestServer.respond(exchange, 200, TestServer.ANSWER);
		}, 32);
	}

	String baseUrl() {
		return this.server.baseUrl();
	}

	/**
	 * Call from every model with a number of workers each, for a time, then return the
	 * rate at which requests arrived after the first second (past the initial burst).
	 */
	double run(List<CompletionModel> instances, int workersPerInstance, Duration duration) throws Exception {
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		ExecutorService workers = Executors.newFixedThreadPool(instances.size() * workersPerInstance);
		List<java.util.concurrent.Future<?>> running = new ArrayList<>();
		for (CompletionModel model : instances) {
			for (int i = 0; i < workersPerInstance; i++) {
				running.add(workers.submit(() -> callUntil(model, end)));
			}
		}
		workers.shutdown();
		workers.awaitTermination(duration.toMillis() + 15_000, TimeUnit.MILLISECONDS);
		long from = start + Duration.ofSeconds(1).toNanos();
		long arrived = this.arrivals.stream().filter((at) -> at >= from && at < end).count();
		return arrived / ((end - from) / 1e9);
	}

	private void callUntil(CompletionModel model, long end) {
		while (System.nanoTime() < end) {
			try {
				model.complete("hello");
				this.successes.incrementAndGet();
			}
			catch (RuntimeException ex) {
				this.failures.incrementAndGet();
				RedisServers.sleep(Duration.ofMillis(5));
			}
		}
	}

	int successes() {
		return this.successes.get();
	}

	int failures() {
		return this.failures.get();
	}

	void reset() {
		this.arrivals.clear();
		this.successes.set(0);
		this.failures.set(0);
	}

	@Override
	public void close() {
		this.server.close();
	}

}
