package dev.customllm.internal.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.BiFunction;

import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

import dev.customllm.LlmOperation;
import dev.customllm.LlmRequestException;
import dev.customllm.LlmRequestException.Kind;
import dev.customllm.internal.http.Timeouts;

/**
 * The whole-call deadline of a unary call: fails it with a {@link Kind#DEADLINE} error
 * and cancels it when no outcome came in time. One subscriber per call is both the relay
 * of the call's signals and its own task on the shared timer ({@link Timeouts}): arming
 * and disarming it wakes no thread, and the outcome reaches the caller on the thread that
 * produced it.
 *
 * @param <T> the answer type
 * @author Custom LLM team
 */
final class CallDeadline<T> extends MonoOperator<T, T> {

	private final LlmOperation operation;

	private final Duration timeout;

	private final BiFunction<TimerTask, Duration, Timeout> timer;

	/**
	 * Create a deadline on the shared timer.
	 * @param source the call, retries included
	 * @param operation the operation, for the error
	 * @param timeout the time the call may take
	 */
	CallDeadline(Mono<? extends T> source, LlmOperation operation, Duration timeout) {
		this(source, operation, timeout, Timeouts::schedule);
	}

	/**
	 * Create a deadline on a given timer.
	 * @param source the call, retries included
	 * @param operation the operation, for the error
	 * @param timeout the time the call may take
	 * @param timer arms a task to run once the time has passed
	 */
	CallDeadline(Mono<? extends T> source, LlmOperation operation, Duration timeout,
			BiFunction<TimerTask, Duration, Timeout> timer) {
		super(source);
		this.operation = operation;
		this.timeout = timeout;
		this.timer = timer;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		this.source.subscribe(new DeadlineSubscriber<>(actual, this));
	}

	@Override
	public @Nullable Object scanUnsafe(Attr key) {
		return (key == Attr.RUN_STYLE) ? Attr.RunStyle.SYNC : super.scanUnsafe(key);
	}

	private LlmRequestException missed() {
		return new LlmRequestException(this.operation, Kind.DEADLINE,
				"no answer within the call timeout of " + this.timeout.toMillis() + " ms, retries included", null);
	}

	/**
	 * Relays the signals of one call until its deadline; whichever comes first, the
	 * outcome or the deadline, wins.
	 */
	private static final class DeadlineSubscriber<T> implements CoreSubscriber<T>, Subscription, TimerTask, Scannable {

		private static final int RUNNING = 0;

		private static final int ANSWERED = 1;

		private static final int DONE = 2;

		private static final AtomicIntegerFieldUpdater<DeadlineSubscriber> STATE = AtomicIntegerFieldUpdater
			.newUpdater(DeadlineSubscriber.class, "state");

		private final CoreSubscriber<? super T> actual;

		private final CallDeadline<T> deadline;

		private @Nullable Subscription upstream;

		private volatile @Nullable Timeout armed;

		private volatile int state;

		DeadlineSubscriber(CoreSubscriber<? super T> actual, CallDeadline<T> deadline) {
			this.actual = actual;
			this.deadline = deadline;
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (Operators.validate(this.upstream, subscription)) {
				this.upstream = subscription;
				this.actual.onSubscribe(this);
				if (this.state == RUNNING) {
					this.armed = this.deadline.timer.apply(this, this.deadline.timeout);
					if (this.state != RUNNING) {
						disarm();
					}
				}
			}
		}

		@Override
		public void onNext(T value) {
			if (STATE.compareAndSet(this, RUNNING, ANSWERED)) {
				disarm();
				this.actual.onNext(value);
			}
			else {
				Operators.onDiscard(value, currentContext());
			}
		}

		@Override
		public void onError(Throwable failure) {
			if (STATE.compareAndSet(this, RUNNING, DONE)) {
				disarm();
				this.actual.onError(failure);
			}
			else {
				Operators.onErrorDropped(failure, currentContext());
			}
		}

		@Override
		public void onComplete() {
			int current = this.state;
			if (current == ANSWERED || (current == RUNNING && STATE.compareAndSet(this, RUNNING, DONE))) {
				this.state = DONE;
				disarm();
				this.actual.onComplete();
			}
		}

		/**
		 * The deadline passed: cancel the call and fail it, unless its outcome came
		 * first.
		 */
		@Override
		public void run(Timeout timeout) {
			if (STATE.compareAndSet(this, RUNNING, DONE)) {
				Subscription upstream = this.upstream;
				if (upstream != null) {
					upstream.cancel();
				}
				this.actual.onError(this.deadline.missed());
			}
		}

		@Override
		public void request(long n) {
			Subscription upstream = this.upstream;
			if (upstream != null) {
				upstream.request(n);
			}
		}

		@Override
		public void cancel() {
			this.state = DONE;
			disarm();
			Subscription upstream = this.upstream;
			if (upstream != null) {
				upstream.cancel();
			}
		}

		private void disarm() {
			Timeout armed = this.armed;
			if (armed != null) {
				armed.cancel();
			}
		}

		@Override
		public @Nullable Object scanUnsafe(Attr key) {
			if (key == Attr.PARENT) {
				return this.upstream;
			}
			if (key == Attr.ACTUAL) {
				return this.actual;
			}
			if (key == Attr.TERMINATED) {
				return this.state != RUNNING;
			}
			if (key == Attr.RUN_STYLE) {
				return Attr.RunStyle.SYNC;
			}
			return null;
		}

	}

}
