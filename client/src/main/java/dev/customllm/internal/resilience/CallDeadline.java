package dev.customllm.internal.resilience;

import java.time.Duration;
import java.util.function.Function;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import dev.customllm.LlmOperation;
import dev.customllm.LlmRequestException;
import dev.customllm.LlmRequestException.Kind;
import dev.customllm.internal.http.Timeouts;

/**
 * The whole-call deadline of unary calls, as Reactor's
 * {@link Mono#timeout(Publisher, Mono)} on the shared timer
 * ({@link Timeouts#after(Duration)}): when no outcome came in time the call is cancelled
 * and fails with a {@link Kind#DEADLINE} error. The outcome reaches the caller on the
 * thread that produced it; arming and disarming the timer wakes no thread. The timer
 * signal and the failure of each operation are made once, not per call. Thread-safe.
 *
 * @author Custom LLM team
 */
final class CallDeadline {

	private final Publisher<?> timer;

	/** The failure of each operation, by its ordinal. */
	private final Mono<?>[] missed = new Mono<?>[LlmOperation.values().length];

	/**
	 * Create a deadline on the shared timer.
	 * @param timeout the time a call may take
	 */
	CallDeadline(Duration timeout) {
		this(timeout, Timeouts::after);
	}

	/**
	 * Create a deadline on a given timer.
	 * @param timeout the time a call may take
	 * @param timer makes a signal that fires once the time has passed after each
	 * subscription to it, and is disarmed when cancelled
	 */
	CallDeadline(Duration timeout, Function<Duration, ? extends Publisher<?>> timer) {
		this.timer = timer.apply(timeout);
		for (LlmOperation operation : LlmOperation.values()) {
			this.missed[operation.ordinal()] = Mono.error(() -> new LlmRequestException(operation, Kind.DEADLINE,
					"no answer within the call timeout of " + timeout.toMillis() + " ms, retries included", null));
		}
	}

	/**
	 * Give a call the deadline.
	 * @param <T> the answer type
	 * @param call the call, retries included
	 * @param operation the operation, for the error
	 * @return the call with its deadline
	 */
	@SuppressWarnings("unchecked")
	<T> Mono<T> apply(Mono<T> call, LlmOperation operation) {
		return call.timeout(this.timer, (Mono<T>) this.missed[operation.ordinal()]);
	}

}
