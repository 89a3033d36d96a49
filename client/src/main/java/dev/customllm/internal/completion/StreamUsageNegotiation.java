package dev.customllm.internal.completion;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

import dev.customllm.LlmApiException;

/**
 * Remembers, for one client, whether the service refused {@code stream_options:
 * {"include_usage": true}}. Streams ask for the usage by default, so that token counts do
 * not go silently to zero; the first refusal is answered by sending the request again
 * without the option, and every later stream of the client goes without it.
 *
 * @author Custom LLM team
 */
public final class StreamUsageNegotiation {

	private final AtomicBoolean refused = new AtomicBoolean();

	/**
	 * Create a negotiation that asks for the usage until the service refuses it.
	 */
	public StreamUsageNegotiation() {
	}

	/**
	 * Start a stream, asking for the usage unless the service refused it before, and
	 * without it if the service refuses it now. A stream is only sent again when it
	 * failed before its first event.
	 * @param <T> the type of the stream's events
	 * @param stream starts the stream, asking for the usage or not
	 * @return the events of the stream
	 */
	<T> Flux<T> stream(Function<Boolean, Flux<T>> stream) {
		return Flux.defer(() -> {
			if (this.refused.get()) {
				return stream.apply(false);
			}
			return new ResumedBeforeFirst<>(stream.apply(true), () -> {
				this.refused.set(true);
				return stream.apply(false);
			});
		});
	}

	static boolean isRefusal(Throwable failure) {
		if (!(failure instanceof LlmApiException api) || (api.status() != 400 && api.status() != 422)) {
			return false;
		}
		String text = (api.error().message() + " " + api.error().param()).toLowerCase(Locale.ROOT);
		return text.contains("stream_options") || text.contains("include_usage") || text.contains("stream options");
	}

	/**
	 * A stream that, when it fails with a refusal of the option before its first event,
	 * goes on as another stream: one operator, where a peek for the first event and a
	 * resume on error took two for every event.
	 */
	private static final class ResumedBeforeFirst<T> extends FluxOperator<T, T> {

		private final Supplier<Flux<T>> without;

		ResumedBeforeFirst(Flux<? extends T> source, Supplier<Flux<T>> without) {
			super(source);
			this.without = without;
		}

		@Override
		public void subscribe(CoreSubscriber<? super T> actual) {
			this.source.subscribe(new ResumeSubscriber<>(actual, this.without));
		}

		@Override
		public @Nullable Object scanUnsafe(Attr key) {
			return (key == Attr.RUN_STYLE) ? Attr.RunStyle.SYNC : super.scanUnsafe(key);
		}

	}

	/**
	 * Relays the events of the first stream, or of the one it goes on as. The demand
	 * asked before the first event is asked again of the stream it goes on as.
	 */
	private static final class ResumeSubscriber<T> implements CoreSubscriber<T>, Subscription {

		private final CoreSubscriber<? super T> actual;

		private final Supplier<Flux<T>> without;

		private final Object monitor = new Object();

		/** The subscription of the stream now relayed; guarded by the monitor. */
		private @Nullable Subscription current;

		/** The demand asked so far; guarded by the monitor. */
		private long requested;

		private volatile boolean cancelled;

		/** Whether the first stream sent an event: it is never sent again after that. */
		private boolean started;

		/** Whether the events now come from the stream without the option. */
		private boolean resumed;

		ResumeSubscriber(CoreSubscriber<? super T> actual, Supplier<Flux<T>> without) {
			this.actual = actual;
			this.without = without;
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (!this.resumed) {
				synchronized (this.monitor) {
					this.current = subscription;
				}
				this.actual.onSubscribe(this);
				return;
			}
			long demand;
			synchronized (this.monitor) {
				this.current = subscription;
				demand = this.requested;
			}
			if (this.cancelled) {
				subscription.cancel();
			}
			else if (demand > 0) {
				subscription.request(demand);
			}
		}

		@Override
		public void onNext(T event) {
			this.started = true;
			this.actual.onNext(event);
		}

		@Override
		public void onError(Throwable failure) {
			if (this.resumed || this.started || this.cancelled || !isRefusal(failure)) {
				this.actual.onError(failure);
				return;
			}
			this.resumed = true;
			Flux<T> next;
			try {
				next = this.without.get();
			}
			catch (Throwable ex) {
				this.actual.onError(Exceptions.addSuppressed(Operators.onOperatorError(ex, currentContext()), failure));
				return;
			}
			next.subscribe(this);
		}

		@Override
		public void onComplete() {
			this.actual.onComplete();
		}

		@Override
		public void request(long n) {
			Subscription subscription;
			synchronized (this.monitor) {
				this.requested = Operators.addCap(this.requested, n);
				subscription = this.current;
			}
			if (subscription != null) {
				subscription.request(n);
			}
		}

		@Override
		public void cancel() {
			this.cancelled = true;
			Subscription subscription;
			synchronized (this.monitor) {
				subscription = this.current;
			}
			if (subscription != null) {
				subscription.cancel();
			}
		}

	}

}
