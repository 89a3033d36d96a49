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
 * The whole-call deadline of unary calls: when no outcome came in time the call is
 * cancelled and fails with a {@link Kind#DEADLINE} error. One operator per call that is
 * its own task on the shared timer ({@link Timeouts#schedule(TimerTask, Duration)}),
 * where Reactor's {@code timeout} operator took a timeout subscriber, a sink and a timer
 * signal of its own. The outcome reaches the caller on the thread that produced it;
 * arming and disarming the timer wakes no thread. Thread-safe.
 *
 * @author Custom LLM team
 */
final class CallDeadline {

	private final Duration timeout;

	private final BiFunction<TimerTask, Duration, Timeout> timer;

	/**
	 * Create a deadline on the shared timer.
	 * @param timeout the time a call may take
	 */
	CallDeadline(Duration timeout) {
		this(timeout, Timeouts::schedule);
	}

	/**
	 * Create a deadline on a given timer.
	 * @param timeout the time a call may take
	 * @param timer runs a task once the given time has passed, unless the returned
	 * timeout is cancelled before
	 */
	CallDeadline(Duration timeout, BiFunction<TimerTask, Duration, Timeout> timer) {
		this.timeout = timeout;
		this.timer = timer;
	}

	/**
	 * Give a call the deadline.
	 * @param <T> the answer type
	 * @param call the call, retries included
	 * @param operation the operation, for the error
	 * @return the call with its deadline
	 */
	<T> Mono<T> apply(Mono<T> call, LlmOperation operation) {
		return new Deadlined<>(call, this, operation);
	}

	private LlmRequestException missed(LlmOperation operation) {
		return new LlmRequestException(operation, Kind.DEADLINE,
				"no answer within the call timeout of " + this.timeout.toMillis() + " ms, retries included", null);
	}

	/**
	 * A call with its deadline.
	 */
	private static final class Deadlined<T> extends MonoOperator<T, T> {

		private final CallDeadline deadline;

		private final LlmOperation operation;

		Deadlined(Mono<? extends T> source, CallDeadline deadline, LlmOperation operation) {
			super(source);
			this.deadline = deadline;
			this.operation = operation;
		}

		@Override
		public void subscribe(CoreSubscriber<? super T> actual) {
			this.source.subscribe(new DeadlineSubscriber<>(actual, this.deadline, this.operation));
		}

		@Override
		public @Nullable Object scanUnsafe(Attr key) {
			return (key == Attr.RUN_STYLE) ? Attr.RunStyle.SYNC : super.scanUnsafe(key);
		}

	}

	/**
	 * Relays the signals of one call until its deadline, and is the timer task that fires
	 * it. Whichever comes first, the outcome or the deadline, is the one the caller gets.
	 */
	private static final class DeadlineSubscriber<T> implements CoreSubscriber<T>, Subscription, TimerTask, Scannable {

		private static final int RUNNING = 0;

		private static final int DECIDED = 1;

		private static final AtomicIntegerFieldUpdater<DeadlineSubscriber> STATE = AtomicIntegerFieldUpdater
			.newUpdater(DeadlineSubscriber.class, "state");

		private final CoreSubscriber<? super T> actual;

		private final CallDeadline deadline;

		private final LlmOperation operation;

		private @Nullable Subscription upstream;

		private volatile int state;

		private volatile @Nullable Timeout armed;

		/** Whether the answer was relayed, so that its completion is too. */
		private boolean answered;

		DeadlineSubscriber(CoreSubscriber<? super T> actual, CallDeadline deadline, LlmOperation operation) {
			this.actual = actual;
			this.deadline = deadline;
			this.operation = operation;
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (!Operators.validate(this.upstream, subscription)) {
				return;
			}
			this.upstream = subscription;
			this.actual.onSubscribe(this);
			// armed once the caller holds the subscription, so that a deadline never
			// signals before it; not at all when the outcome came meanwhile
			if (this.state == RUNNING) {
				Timeout armed = this.deadline.timer.apply(this, this.deadline.timeout);
				this.armed = armed;
				if (this.state != RUNNING) {
					armed.cancel();
				}
			}
		}

		@Override
		public void onNext(T value) {
			if (!decide()) {
				Operators.onNextDropped(value, currentContext());
				return;
			}
			this.answered = true;
			this.actual.onNext(value);
		}

		@Override
		public void onError(Throwable failure) {
			if (!decide()) {
				Operators.onErrorDropped(failure, currentContext());
				return;
			}
			this.actual.onError(failure);
		}

		@Override
		public void onComplete() {
			if (this.answered || decide()) {
				this.actual.onComplete();
			}
		}

		/**
		 * The deadline passed: cancel the call and fail it, unless its outcome came
		 * first.
		 */
		@Override
		public void run(Timeout timeout) {
			if (STATE.compareAndSet(this, RUNNING, DECIDED)) {
				Subscription upstream = this.upstream;
				if (upstream != null) {
					upstream.cancel();
				}
				this.actual.onError(this.deadline.missed(this.operation));
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
			decide();
			Subscription upstream = this.upstream;
			if (upstream != null) {
				upstream.cancel();
			}
		}

		/**
		 * Take the outcome, if the deadline did not, and disarm the timer.
		 * @return whether the outcome was taken
		 */
		private boolean decide() {
			if (!STATE.compareAndSet(this, RUNNING, DECIDED)) {
				return false;
			}
			Timeout armed = this.armed;
			if (armed != null) {
				armed.cancel();
			}
			return true;
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
				return this.state == DECIDED;
			}
			if (key == Attr.RUN_STYLE) {
				return Attr.RunStyle.SYNC;
			}
			return null;
		}

	}

}
