package dev.customllm.internal.resilience;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import dev.customllm.internal.http.Timeouts;

/**
 * An asynchronous semaphore: at most a given number of calls run at once; the others
 * wait, without holding a thread, in arrival order, for at most a given time. A permit is
 * released when its call completes, fails or is cancelled. A call that gets its permit at
 * once arms no timer; one that waits arms a task on the shared timer ({@link Timeouts}),
 * which wakes no thread. Thread-safe.
 *
 * @author Custom LLM team
 */
final class ConcurrencyLimiter {

	private static final int WAITING = 0;

	private static final int GRANTED = 1;

	private static final int CANCELLED = 2;

	private final Queue<Waiter> waiters = new ArrayDeque<>();

	private final BiFunction<TimerTask, Duration, Timeout> timer;

	private int available;

	/**
	 * Create a limiter whose waits end on the shared timer.
	 * @param permits the number of calls that may run at once
	 */
	ConcurrencyLimiter(int permits) {
		this(permits, Timeouts::schedule);
	}

	/**
	 * Create a limiter.
	 * @param permits the number of calls that may run at once
	 * @param timer arms a task to run once a wait has lasted its longest
	 */
	ConcurrencyLimiter(int permits, BiFunction<TimerTask, Duration, Timeout> timer) {
		this.available = permits;
		this.timer = timer;
	}

	/**
	 * Run a call under a permit.
	 * @param <T> the answer type
	 * @param call the call
	 * @param maxWait longest wait for a permit
	 * @param onTimeout the failure when no permit came in time
	 * @param onWait told how long a call waited for its permit
	 * @return the limited call
	 */
	<T> Mono<T> limit(Mono<T> call, Duration maxWait, Mono<Waited> onTimeout, Consumer<Duration> onWait) {
		Mono<Waited> permit = acquire(maxWait, onTimeout).doOnNext((waited) -> onWait.accept(waited.waited()));
		return Mono.usingWhen(permit, (granted) -> call, this::release, (granted, failure) -> release(granted),
				this::release);
	}

	/**
	 * Open a stream under a permit held until the stream ends, fails or is cancelled, not
	 * only until it opened.
	 * @param <T> the element type of the stream
	 * @param open opens the stream
	 * @param maxWait longest wait for a permit
	 * @param onTimeout the failure when no permit came in time
	 * @param onWait told how long a call waited for its permit
	 * @return the limited opening
	 */
	<T> Mono<Flux<T>> limitStream(Mono<Flux<T>> open, Duration maxWait, Mono<Waited> onTimeout,
			Consumer<Duration> onWait) {
		Mono<Waited> permit = acquire(maxWait, onTimeout).doOnNext((waited) -> onWait.accept(waited.waited()));
		return permit.flatMap((granted) -> {
			AtomicBoolean held = new AtomicBoolean(true);
			Runnable release = () -> {
				if (held.compareAndSet(true, false)) {
					releasePermit();
				}
			};
			return open.map((stream) -> stream.doFinally((signal) -> release.run())).doOnSuccess((stream) -> {
				if (stream == null) {
					release.run();
				}
			}).doOnError((failure) -> release.run()).doOnCancel(release);
		});
	}

	private Mono<Waited> acquire(Duration maxWait, Mono<Waited> onTimeout) {
		return Mono.create((sink) -> {
			Waiter waiter = new Waiter(sink, System.nanoTime());
			if (grantOrEnqueue(waiter)) {
				sink.success(new Waited(Duration.ZERO));
				return;
			}
			Timeout armed = this.timer.apply((timeout) -> waitedTooLong(waiter, onTimeout), maxWait);
			sink.onDispose(armed::cancel);
			sink.onCancel(() -> {
				if (!waiter.state.compareAndSet(WAITING, CANCELLED)) {
					releasePermit();
				}
				else {
					remove(waiter);
				}
			});
		});
	}

	/**
	 * End a wait that lasted its longest, unless a permit came first.
	 */
	private void waitedTooLong(Waiter waiter, Mono<Waited> onTimeout) {
		if (waiter.state.compareAndSet(WAITING, CANCELLED)) {
			remove(waiter);
			onTimeout.subscribe(waiter.sink::success, waiter.sink::error, waiter.sink::success);
		}
	}

	private synchronized boolean grantOrEnqueue(Waiter waiter) {
		if (this.available > 0) {
			this.available--;
			waiter.state.set(GRANTED);
			return true;
		}
		this.waiters.add(waiter);
		return false;
	}

	/**
	 * Return how many calls wait for a permit at the moment.
	 */
	synchronized int waiting() {
		return this.waiters.size();
	}

	private synchronized void remove(Waiter waiter) {
		this.waiters.remove(waiter);
	}

	private Mono<Void> release(Waited permit) {
		return Mono.fromRunnable(this::releasePermit);
	}

	private void releasePermit() {
		while (true) {
			Waiter next = nextWaiterOrFree();
			if (next == null) {
				return;
			}
			if (next.state.compareAndSet(WAITING, GRANTED)) {
				next.sink.success(new Waited(Duration.ofNanos(System.nanoTime() - next.since)));
				return;
			}
		}
	}

	private synchronized Waiter nextWaiterOrFree() {
		Waiter next = this.waiters.poll();
		if (next == null) {
			this.available++;
		}
		return next;
	}

	/**
	 * A granted permit, with how long its call waited for it.
	 *
	 * @param waited the time waited
	 */
	record Waited(Duration waited) {

	}

	private static final class Waiter {

		private final MonoSink<Waited> sink;

		private final long since;

		private final AtomicInteger state = new AtomicInteger(WAITING);

		Waiter(MonoSink<Waited> sink, long since) {
			this.sink = sink;
			this.since = since;
		}

	}

}
