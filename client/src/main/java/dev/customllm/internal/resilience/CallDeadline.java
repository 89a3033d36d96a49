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
 * The whole-call deadline of a unary call, as Reactor's
 * {@link Mono#timeout(Publisher, Mono)} on the shared timer
 * ({@link Timeouts#after(Duration)}): when no outcome came in time the call is cancelled
 * and fails with a {@link Kind#DEADLINE} error. The outcome reaches the caller on the
 * thread that produced it; arming and disarming the timer wakes no thread.
 *
 * @author Custom LLM team
 */
final class CallDeadline {

	private CallDeadline() {
	}

	/**
	 * Give a call a deadline on the shared timer.
	 * @param <T> the answer type
	 * @param call the call, retries included
	 * @param operation the operation, for the error
	 * @param timeout the time the call may take
	 * @return the call with its deadline
	 */
	static <T> Mono<T> apply(Mono<T> call, LlmOperation operation, Duration timeout) {
		return apply(call, operation, timeout, Timeouts::after);
	}

	/**
	 * Give a call a deadline on a given timer.
	 * @param <T> the answer type
	 * @param call the call, retries included
	 * @param operation the operation, for the error
	 * @param timeout the time the call may take
	 * @param timer a signal that fires once the time has passed after it is subscribed
	 * to, and is disarmed when cancelled
	 * @return the call with its deadline
	 */
	static <T> Mono<T> apply(Mono<T> call, LlmOperation operation, Duration timeout,
			Function<Duration, ? extends Publisher<?>> timer) {
		return call.timeout(timer.apply(timeout), Mono.error(() -> missed(operation, timeout)));
	}

	private static LlmRequestException missed(LlmOperation operation, Duration timeout) {
		return new LlmRequestException(operation, Kind.DEADLINE,
				"no answer within the call timeout of " + timeout.toMillis() + " ms, retries included", null);
	}

}
