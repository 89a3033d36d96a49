package dev.customllm.internal.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.netty.util.TimerTask;
import io.netty.util.concurrent.DefaultThreadFactory;
import reactor.core.publisher.Mono;

/**
 * Fires timeouts, such as the whole-call deadline of unary calls or the response timeout
 * of a transport on an {@link dev.customllm.http.HttpSender}, from one hashed wheel timer
 * shared by all clients. Arming and cancelling a timeout is a lock-free enqueue that
 * wakes no thread, where a task on Reactor's parallel scheduler woke its thread twice per
 * call. A timeout fires up to one tick ({@value #TICK_MILLIS} ms) late, which does not
 * matter for limits of seconds.
 *
 * @author Custom LLM team
 */
public final class Timeouts {

	private static final long TICK_MILLIS = 100;

	private Timeouts() {
	}

	/**
	 * Return a signal that fires once the given time has passed after it is subscribed
	 * to, for {@link Mono#timeout(org.reactivestreams.Publisher, Mono)}; cancelling it
	 * disarms the timer.
	 * @param timeout the time to wait
	 * @return the signal
	 */
	public static Mono<Long> after(Duration timeout) {
		long millis = timeout.toMillis();
		return Mono.create((sink) -> {
			Timeout armed = Shared.TIMER.newTimeout((fired) -> sink.success(0L), millis, TimeUnit.MILLISECONDS);
			sink.onCancel(armed::cancel);
		});
	}

	/**
	 * Run a task on the shared timer once the given time has passed, for operators that
	 * are their own timer task (one object per call instead of a subscription to
	 * {@link #after(Duration)}).
	 * @param task the task, run on the timer's thread
	 * @param timeout the time to wait
	 * @return the armed timeout, to cancel when it no longer applies
	 */
	public static Timeout schedule(TimerTask task, Duration timeout) {
		return Shared.TIMER.newTimeout(task, timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Holder of the timer, started on first use.
	 */
	private static final class Shared {

		static final Timer TIMER = new HashedWheelTimer(new DefaultThreadFactory("custom-llm-deadline", true),
				TICK_MILLIS, TimeUnit.MILLISECONDS);

	}

}
