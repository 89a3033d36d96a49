package dev.customllm.internal.telemetry;

import dev.customllm.observation.LlmObservationContext;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.Scannable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The observation of one unary call as a single operator: it starts the observation when
 * the call is subscribed to, puts it in the call's Reactor context, records the answer,
 * and stops it before the outcome reaches the caller, where a chain of peeking operators
 * and a context write cost one subscriber each.
 *
 * @param <T> the answer type
 * @author Custom LLM team
 */
final class ObservedCall<T> extends MonoOperator<T, T> {

	private final Function<ContextView, LlmTelemetry.Stopper> start;

	private final BiConsumer<LlmObservationContext, T> onAnswer;

	/**
	 * Create a new instance.
	 * @param source the call
	 * @param start starts the observation, under the one of the subscriber's context if
	 * any
	 * @param onAnswer records the answer on the observation's context
	 */
	ObservedCall(Mono<? extends T> source, Function<ContextView, LlmTelemetry.Stopper> start,
			BiConsumer<LlmObservationContext, T> onAnswer) {
		super(source);
		this.start = start;
		this.onAnswer = onAnswer;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		LlmTelemetry.Stopper stopper;
		try {
			stopper = this.start.apply(actual.currentContext());
		}
		catch (Throwable ex) {
			Operators.error(actual, Operators.onOperatorError(ex, actual.currentContext()));
			return;
		}
		this.source.subscribe(new ObservedSubscriber<>(actual, stopper, this.onAnswer));
	}

	@Override
	public @Nullable Object scanUnsafe(Attr key) {
		return (key == Attr.RUN_STYLE) ? Attr.RunStyle.SYNC : super.scanUnsafe(key);
	}

	/**
	 * Relays the signals of one observed call.
	 */
	private static final class ObservedSubscriber<T> implements CoreSubscriber<T>, Subscription, Scannable {

		private static final int RUNNING = 0;

		private static final int ANSWERED = 1;

		private static final int DONE = 2;

		private final CoreSubscriber<? super T> actual;

		private final LlmTelemetry.Stopper stopper;

		private final BiConsumer<LlmObservationContext, T> onAnswer;

		private final Context context;

		private @Nullable Subscription upstream;

		private int phase;

		ObservedSubscriber(CoreSubscriber<? super T> actual, LlmTelemetry.Stopper stopper,
				BiConsumer<LlmObservationContext, T> onAnswer) {
			this.actual = actual;
			this.stopper = stopper;
			this.onAnswer = onAnswer;
			this.context = actual.currentContext().put(LlmTelemetry.OBSERVATION_KEY, stopper.observation());
		}

		@Override
		public Context currentContext() {
			return this.context;
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (Operators.validate(this.upstream, subscription)) {
				this.upstream = subscription;
				this.actual.onSubscribe(this);
			}
		}

		@Override
		public void onNext(T value) {
			if (this.phase != RUNNING) {
				Operators.onNextDropped(value, this.context);
				return;
			}
			try {
				this.onAnswer.accept(this.stopper.context(), value);
			}
			catch (Throwable ex) {
				Exceptions.throwIfFatal(ex);
				onError(Operators.onOperatorError(this.upstream, ex, value, this.context));
				return;
			}
			this.phase = ANSWERED;
			this.stopper.stop(null);
			this.actual.onNext(value);
		}

		@Override
		public void onError(Throwable failure) {
			if (this.phase != RUNNING) {
				Operators.onErrorDropped(failure, this.context);
				return;
			}
			this.phase = DONE;
			this.stopper.stop(failure);
			this.actual.onError(failure);
		}

		@Override
		public void onComplete() {
			if (this.phase == DONE) {
				return;
			}
			if (this.phase == RUNNING) {
				this.stopper.stop(null);
			}
			this.phase = DONE;
			this.actual.onComplete();
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
			this.stopper.cancel();
			Subscription upstream = this.upstream;
			if (upstream != null) {
				upstream.cancel();
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
				return this.phase == DONE;
			}
			if (key == Attr.RUN_STYLE) {
				return Attr.RunStyle.SYNC;
			}
			return null;
		}

	}

}
