package dev.customllm.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;

/**
 * Callers that each call their instance's model again as soon as their previous call
 * ended, without holding a thread each, and record every call.
 */
final class Crowd implements AutoCloseable {

	private static final CompletionRequest REQUEST = CompletionRequest.of("hello");

	private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

	private final AtomicInteger started = new AtomicInteger();

	private final Disposable running;

	private final java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();

	private volatile boolean stopping;

	Crowd(List<CompletionModel> instances, int callersPerInstance) {
		List<Mono<Void>> callers = new ArrayList<>();
		for (int instance = 0; instance < instances.size(); instance++) {
			for (int i = 0; i < callersPerInstance; i++) {
				callers.add(caller(instance, instances.get(instance)));
			}
		}
		this.running = Flux.fromIterable(callers)
			.flatMap((caller) -> caller, callers.size())
			.doFinally((signal) -> this.done.complete(null))
			.subscribe();
	}

	private Mono<Void> caller(int instance, CompletionModel model) {
		return Mono.defer(() -> {
			this.started.incrementAndGet();
			long start = System.nanoTime();
			return model.completeAsync(REQUEST)
				.doOnSuccess((answer) -> this.calls.add(new Call(instance, start, System.nanoTime(), null)))
				.then()
				.onErrorResume((failure) -> {
					this.calls.add(new Call(instance, start, System.nanoTime(), failure));
					return Mono.delay(Duration.ofMillis(5)).then();
				});
		}).repeat(() -> !this.stopping).then();
	}

	/**
	 * Start no more calls, and wait at most a given time for the calls under way to end.
	 * @return whether they all ended
	 */
	boolean finish(Duration max) {
		this.stopping = true;
		try {
			this.done.get(max.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}

	/**
	 * Return the number of calls started so far, ended or not.
	 */
	int started() {
		return this.started.get();
	}

	List<Call> calls() {
		return new ArrayList<>(this.calls);
	}

	List<Call> failures() {
		return calls().stream().filter((call) -> call.failure() != null).toList();
	}

	List<Call> calls(Predicate<Call> which) {
		return calls().stream().filter(which).toList();
	}

	@Override
	public void close() {
		this.running.dispose();
	}

	/**
	 * One call: which instance made it, when it started and ended
	 * ({@link System#nanoTime()}), and how it failed.
	 */
	record Call(int instance, long start, long end, @Nullable Throwable failure) {

		Duration took() {
			return Duration.ofNanos(this.end - this.start);
		}

	}

}
