package dev.customllm.routing;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

import dev.customllm.internal.resilience.RetryClassifier;

/**
 * One unary call of a route, as a single operator: an attempt on the deployment the route
 * picks, then, while the failure is one another deployment may not meet, an attempt on
 * the next, each subscribed to by the same subscriber. A call that succeeds at once costs
 * this object and one subscriber, no more: the hot path of a route of one healthy
 * deployment. Attempts follow one another, never overlap.
 *
 * @param <M> the type of model
 * @param <A> the type of the call's argument
 * @param <T> the type of answer
 * @author Custom LLM team
 */
final class RoutedMono<M, A, T> extends Mono<T> {

	private final Route<M> route;

	private final Calls<M, A, T> calls;

	private final A argument;

	RoutedMono(Route<M> route, Calls<M, A, T> calls, A argument) {
		this.route = route;
		this.calls = calls;
		this.argument = argument;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		Deployment<M> first = this.route.select(0);
		if (first == null) {
			Operators.error(actual, new IllegalStateException("route '" + this.route.name() + "' has no deployment"));
			return;
		}
		new RoutedSubscriber<>(actual, this).attempt(first);
	}

	/**
	 * What a route's calls do with its models.
	 *
	 * @param <M> the type of model
	 * @param <A> the type of the call's argument
	 * @param <T> the type of answer
	 */
	interface Calls<M, A, T> {

		/**
		 * Make the call on one deployment's model.
		 */
		Mono<T> call(M model, A argument);

		/**
		 * Mark an answer with the deployment that produced it.
		 */
		T answered(T answer, String deployment);

		/**
		 * Return the call on the context-window fallback, or {@code null} when there is
		 * none.
		 */
		@Nullable Mono<T> fallback(A argument);

		/**
		 * Return the name of the context-window fallback, for the failover counter.
		 */
		String fallbackName();

	}

	/**
	 * Relays the signals of the attempts of one call.
	 */
	private static final class RoutedSubscriber<M, A, T> implements CoreSubscriber<T>, Subscription {

		@SuppressWarnings("rawtypes")
		private static final AtomicIntegerFieldUpdater<RoutedSubscriber> OPEN = AtomicIntegerFieldUpdater
			.newUpdater(RoutedSubscriber.class, "open");

		private final CoreSubscriber<? super T> actual;

		private final RoutedMono<M, A, T> parent;

		private Context context;

		private volatile @Nullable Subscription upstream;

		private volatile @Nullable Deployment<M> deployment;

		private volatile boolean requested;

		private volatile boolean cancelled;

		private volatile int open;

		private boolean subscribed;

		private long start;

		private long tried;

		private @Nullable Failures failures;

		RoutedSubscriber(CoreSubscriber<? super T> actual, RoutedMono<M, A, T> parent) {
			this.actual = actual;
			this.parent = parent;
			this.context = actual.currentContext();
		}

		void attempt(Deployment<M> deployment) {
			this.deployment = deployment;
			this.tried |= deployment.bit();
			this.context = deployment.tag().context(this.actual.currentContext());
			this.start = this.parent.route.started(deployment);
			this.open = 1;
			Mono<T> source;
			try {
				source = this.parent.calls.call(deployment.model(), this.parent.argument);
			}
			catch (Throwable ex) {
				Exceptions.throwIfFatal(ex);
				source = Mono.error(ex);
			}
			source.subscribe(this);
		}

		private void fallback(Mono<T> source) {
			this.deployment = null;
			this.context = this.actual.currentContext();
			source.subscribe(this);
		}

		@Override
		public Context currentContext() {
			return this.context;
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			this.upstream = subscription;
			if (!this.subscribed) {
				this.subscribed = true;
				this.actual.onSubscribe(this);
			}
			else if (this.requested) {
				subscription.request(Long.MAX_VALUE);
			}
			if (this.cancelled) {
				subscription.cancel();
			}
		}

		@Override
		public void onNext(T value) {
			Deployment<M> deployment = this.deployment;
			T answer = value;
			if (deployment != null) {
				if (OPEN.compareAndSet(this, 1, 0)) {
					this.parent.route.ended(deployment);
				}
				this.parent.route.answered(deployment, this.start);
				answer = this.parent.calls.answered(value, deployment.name());
			}
			this.actual.onNext(answer);
		}

		@Override
		public void onError(Throwable failure) {
			Deployment<M> deployment = this.deployment;
			if (deployment == null) {
				this.actual.onError(failure);
				return;
			}
			if (OPEN.compareAndSet(this, 1, 0)) {
				this.parent.route.ended(deployment);
			}
			Route<M> route = this.parent.route;
			String reason = route.failed(deployment, failure);
			if (this.cancelled) {
				Operators.onErrorDropped(failure, this.context);
				return;
			}
			if (reason == null) {
				Mono<T> fallback = RetryClassifier.isContextWindowExceeded(failure)
						? this.parent.calls.fallback(this.parent.argument) : null;
				if (fallback != null) {
					route.events().failover(deployment.name(), this.parent.calls.fallbackName(), "context_window");
					fallback(fallback);
					return;
				}
				this.actual.onError(Failures.outcome(this.failures, deployment.name(), failure));
				return;
			}
			Failures failures = this.failures;
			if (failures == null) {
				failures = new Failures(route.name());
				this.failures = failures;
			}
			failures.add(deployment.name(), failure, reason);
			Deployment<M> next = route.select(this.tried);
			if (next == null) {
				this.actual.onError(failures.fail(deployment.name(), failure));
				return;
			}
			route.events().failover(deployment.name(), next.name(), reason);
			attempt(next);
		}

		@Override
		public void onComplete() {
			Deployment<M> deployment = this.deployment;
			if (deployment != null && OPEN.compareAndSet(this, 1, 0)) {
				this.parent.route.ended(deployment);
				deployment.released();
			}
			this.actual.onComplete();
		}

		@Override
		public void request(long n) {
			this.requested = true;
			Subscription upstream = this.upstream;
			if (upstream != null) {
				upstream.request(n);
			}
		}

		@Override
		public void cancel() {
			this.cancelled = true;
			Subscription upstream = this.upstream;
			if (upstream != null) {
				upstream.cancel();
			}
			Deployment<M> deployment = this.deployment;
			if (deployment != null && OPEN.compareAndSet(this, 1, 0)) {
				this.parent.route.ended(deployment);
				deployment.released();
			}
		}

	}

}
