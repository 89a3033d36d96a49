package dev.customllm.routing;

import java.util.function.BiFunction;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import dev.customllm.internal.resilience.RetryClassifier;

/**
 * One unary call of a route: an attempt on the deployment the route picks, then, while
 * the failure is one another deployment may not meet, an attempt on the next. Created
 * when the call is subscribed to; attempts follow one another, never overlap.
 *
 * @param <M> the type of model
 * @param <T> the type of answer
 * @author Custom LLM team
 */
final class RoutedCall<M, T> {

	private final Route<M> route;

	private final Function<M, Mono<T>> operation;

	private final BiFunction<T, String, T> onAnswer;

	private final @Nullable Fallback<T> fallback;

	private long tried;

	private @Nullable Failures failures;

	RoutedCall(Route<M> route, Function<M, Mono<T>> operation, BiFunction<T, String, T> onAnswer,
			@Nullable Fallback<T> fallback) {
		this.route = route;
		this.operation = operation;
		this.onAnswer = onAnswer;
		this.fallback = fallback;
	}

	Mono<T> start() {
		Deployment<M> deployment = this.route.select(0);
		return (deployment != null) ? attempt(deployment)
				: Mono.error(new IllegalStateException("route '" + this.route.name() + "' has no deployment"));
	}

	private Mono<T> attempt(Deployment<M> deployment) {
		this.tried |= deployment.bit();
		long start = this.route.started(deployment);
		return this.operation.apply(deployment.model()).contextWrite(deployment.tag().context()).doFinally((signal) -> {
			this.route.ended(deployment);
			if (signal == SignalType.CANCEL) {
				deployment.released();
			}
		}).map((answer) -> {
			this.route.answered(deployment, start);
			return this.onAnswer.apply(answer, deployment.name());
		}).onErrorResume((failure) -> failed(deployment, failure));
	}

	private Mono<T> failed(Deployment<M> deployment, Throwable failure) {
		String reason = this.route.failed(deployment, failure);
		if (reason == null) {
			if (this.fallback != null && RetryClassifier.isContextWindowExceeded(failure)) {
				this.route.events().failover(deployment.name(), this.fallback.name(), "context_window");
				return this.fallback.call();
			}
			return Mono.error(Failures.outcome(this.failures, deployment.name(), failure));
		}
		Failures failures = this.failures;
		if (failures == null) {
			failures = new Failures(this.route.name());
			this.failures = failures;
		}
		failures.add(deployment.name(), failure, reason);
		Deployment<M> next = this.route.select(this.tried);
		if (next == null) {
			return Mono.error(failures.fail(deployment.name(), failure));
		}
		this.route.events().failover(deployment.name(), next.name(), reason);
		return attempt(next);
	}

	/**
	 * Where a call goes when its prompt does not fit the deployments' context window.
	 *
	 * @param <T> the type of answer
	 */
	interface Fallback<T> {

		String name();

		Mono<T> call();

	}

}
