package dev.customllm.retry;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.github.bucket4j.Bucket;
import reactor.core.publisher.Mono;

/**
 * Limits the rate at which requests start, with a Bucket4j token bucket: a call takes a
 * token, waiting without holding a thread for at most a given time. Thread-safe.
 *
 * @author Custom LLM team
 */
final class RequestRateLimiter {

	private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "custom-llm-rate-limiter");
		thread.setDaemon(true);
		return thread;
	});

	private final Bucket bucket;

	RequestRateLimiter(double requestsPerSecond) {
		long burst = (long) Math.ceil(requestsPerSecond);
		Duration period = Duration.ofNanos(Math.round(burst / requestsPerSecond * 1_000_000_000L));
		this.bucket = Bucket.builder().addLimit((limit) -> limit.capacity(burst).refillGreedy(burst, period)).build();
	}

	/**
	 * Wait for a token.
	 * @param maxWait longest wait
	 * @return a {@link Mono} of whether a token came in time
	 */
	Mono<Boolean> acquire(Duration maxWait) {
		if (this.bucket.tryConsume(1)) {
			return Mono.just(Boolean.TRUE);
		}
		return Mono.fromFuture(() -> this.bucket.asScheduler().tryConsume(1, maxWait, SCHEDULER));
	}

}
