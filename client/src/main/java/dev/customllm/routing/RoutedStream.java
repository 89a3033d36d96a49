package dev.customllm.routing;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SignalType;

import dev.customllm.LlmException;
import dev.customllm.internal.resilience.RetryClassifier;

/**
 * One stream of a route. It fails over like a {@link RoutedMono} until the first element
 * reaches the caller; after that, a failure ends the stream with the typed error of the
 * deployment that broke, naming it, so that nothing the caller saw is sent twice.
 *
 * @param <M> the type of model
 * @param <T> the type of element
 * @author Custom LLM team
 */
final class RoutedStream<M, T> {

	private final Route<M> route;

	private final Function<M, Flux<T>> operation;

	private final @Nullable Fallback<T> fallback;

	private long tried;

	private @Nullable Failures failures;

	private volatile boolean started;

	RoutedStream(Route<M> route, Function<M, Flux<T>> operation, @Nullable Fallback<T> fallback) {
		this.route = route;
		this.operation = operation;
		this.fallback = fallback;
	}

	Flux<T> start() {
		Deployment<M> deployment = this.route.select(0);
		return (deployment != null) ? attempt(deployment)
				: Flux.error(new IllegalStateException("route '" + this.route.name() + "' has no deployment"));
	}

	private Flux<T> attempt(Deployment<M> deployment) {
		this.tried |= deployment.bit();
		long start = this.route.started(deployment);
		return this.operation.apply(deployment.model()).contextWrite(deployment.tag().context()).doFinally((signal) -> {
			this.route.ended(deployment);
			if (signal == SignalType.CANCEL) {
				deployment.released();
			}
		}).doOnNext((element) -> {
			if (!this.started) {
				this.started = true;
				this.route.answered(deployment, start);
			}
		}).onErrorResume((failure) -> failed(deployment, failure));
	}

	private Flux<T> failed(Deployment<M> deployment, Throwable failure) {
		String reason = this.route.failed(deployment, failure);
		if (this.started) {
			Throwable broken = (failure instanceof LlmException llm)
					? llm.withNote("deployment '" + deployment.name() + "' of route '" + this.route.name()
							+ "' broke off the stream after its " + "first chunk; not failed over")
					: failure;
			return Flux.error(Failures.outcome(this.failures, deployment.name(), broken));
		}
		if (reason == null) {
			if (this.fallback != null && RetryClassifier.isContextWindowExceeded(failure)) {
				this.route.events().failover(deployment.name(), this.fallback.name(), "context_window");
				return this.fallback.call();
			}
			return Flux.error(Failures.outcome(this.failures, deployment.name(), failure));
		}
		Failures failures = this.failures;
		if (failures == null) {
			failures = new Failures(this.route.name());
			this.failures = failures;
		}
		failures.add(deployment.name(), failure, reason);
		Deployment<M> next = this.route.select(this.tried);
		if (next == null) {
			return Flux.error(failures.fail(deployment.name(), failure));
		}
		this.route.events().failover(deployment.name(), next.name(), reason);
		return attempt(next);
	}

	/**
	 * Where a stream goes when its prompt does not fit the deployments' context window.
	 *
	 * @param <T> the type of element
	 */
	interface Fallback<T> {

		String name();

		Flux<T> call();

	}

}
