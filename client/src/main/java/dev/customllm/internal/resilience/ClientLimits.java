package dev.customllm.internal.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.IntSupplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.LlmApiException;
import dev.customllm.LlmOperation;
import dev.customllm.LlmRequestException;
import dev.customllm.LlmRequestException.Kind;
import dev.customllm.resilience.Bandwidth;
import dev.customllm.resilience.RateLimitSettings;
import dev.customllm.resilience.RateLimitStore;
import dev.customllm.resilience.RateLimitStoreStatus;

/**
 * The client-side limits of one client: concurrency and request rate on each attempt, the
 * token rate once per call. The rates live in local buckets or in a shared
 * {@link RateLimitStore}. Thread-safe.
 *
 * @author Custom LLM team
 */
final class ClientLimits implements AutoCloseable {

	/**
	 * The most calls of an instance that ask a shared token bucket at once: each call
	 * asks for many tokens. The request-rate bucket allows its burst, one second of
	 * requests.
	 */
	private static final int MAX_TOKEN_ASKS = 20;

	private final RateLimitSettings settings;

	private final @Nullable ConcurrencyLimiter concurrency;

	private final @Nullable LimitBucket requests;

	private final @Nullable LimitBucket tokens;

	private final @Nullable RateLimitStore store;

	private final @Nullable StoreOutage outage;

	private final @Nullable FleetShare share;

	private final ResilienceListener listener;

	ClientLimits(RateLimitSettings settings, @Nullable RateLimitStore store, ResilienceListener listener) {
		this.settings = settings;
		this.store = store;
		this.listener = listener;
		StoreOutage outage = (store != null) ? new StoreOutage(store, settings.onStoreFailure(), listener, store::probe,
				LimitBucket.SCHEDULER, StoreOutage.PROBE_INTERVAL) : null;
		this.outage = outage;
		FleetShare share = (store != null && hasRates(settings))
				? new FleetShare(store, settings.expectedInstances(), LimitBucket.SCHEDULER,
						FleetShare.HEARTBEAT_INTERVAL, (latency) -> listener.onStoreLatency(store.kind(), latency))
				: null;
		this.share = share;
		IntSupplier instances = (share != null) ? share::instances : () -> 1;
		this.concurrency = (settings.maxConcurrentRequests() != null)
				? new ConcurrencyLimiter(settings.maxConcurrentRequests()) : null;
		this.requests = (settings.requestsPerSecond() != null)
				? new LimitBucket("rate", requestBandwidth(settings.requestsPerSecond()), store, outage, instances,
						burst(settings.requestsPerSecond()))
				: null;
		this.tokens = (settings.tokensPerMinute() != null) ? new LimitBucket("tokens",
				tokenBandwidth(settings.tokensPerMinute()), store, outage, instances, MAX_TOKEN_ASKS) : null;
		if (settings.requestsPerSecond() != null) {
			listener.onLimitConfigured("rate", settings.requestsPerSecond());
		}
		if (settings.tokensPerMinute() != null) {
			listener.onLimitConfigured("tokens", settings.tokensPerMinute() / 60.0);
		}
		if (store != null && outage != null) {
			listener.onStoreState(store.kind(), () -> outage.status().state());
			if (this.requests != null) {
				listener.onLimitQueue(this.requests.limit(), this.requests::waiting);
			}
			if (this.tokens != null) {
				listener.onLimitQueue(this.tokens.limit(), this.tokens::waiting);
			}
		}
	}

	private static boolean hasRates(RateLimitSettings settings) {
		return settings.requestsPerSecond() != null || settings.tokensPerMinute() != null;
	}

	/**
	 * Return where the rate limits are kept at the moment, when they have a shared store.
	 * @return the status of the store, or empty when the limits are kept per instance
	 */
	Optional<RateLimitStoreStatus> storeStatus() {
		return Optional.ofNullable(this.outage).map(StoreOutage::status);
	}

	/**
	 * Stop probing a store that is down.
	 */
	@Override
	public void close() {
		if (this.outage != null) {
			this.outage.close();
		}
		if (this.share != null) {
			this.share.close();
		}
	}

	private static int burst(double requestsPerSecond) {
		return (int) Math.min(Integer.MAX_VALUE, Math.ceil(requestsPerSecond));
	}

	private static Bandwidth requestBandwidth(double requestsPerSecond) {
		long burst = burst(requestsPerSecond);
		return new Bandwidth(burst, burst, Duration.ofNanos(Math.round(burst / requestsPerSecond * 1_000_000_000L)));
	}

	private static Bandwidth tokenBandwidth(long tokensPerMinute) {
		return new Bandwidth(tokensPerMinute, tokensPerMinute, Duration.ofMinutes(1));
	}

	/**
	 * Limit one attempt: a concurrency permit and a request-rate permit.
	 * @param <T> the answer type
	 * @param operation the operation
	 * @param attempt the attempt
	 * @return the limited attempt
	 */
	<T> Mono<T> attempt(LlmOperation operation, Mono<T> attempt) {
		Mono<T> limited = attempt;
		if (this.concurrency != null) {
			limited = this.concurrency.limit(limited, this.settings.maxWait(), concurrencyRejected(operation),
					(wait) -> waited(operation, "concurrency", wait));
		}
		return rateLimited(operation, limited);
	}

	/**
	 * Limit one attempt to open a stream: a concurrency permit held until the stream
	 * ends, and a request-rate permit.
	 * @param <T> the element type of the stream
	 * @param operation the operation
	 * @param open the attempt to open the stream
	 * @return the limited attempt
	 */
	<T> Mono<Flux<T>> streamAttempt(LlmOperation operation, Mono<Flux<T>> open) {
		Mono<Flux<T>> limited = open;
		if (this.concurrency != null) {
			limited = this.concurrency.limitStream(limited, this.settings.maxWait(), concurrencyRejected(operation),
					(wait) -> waited(operation, "concurrency", wait));
		}
		return rateLimited(operation, limited);
	}

	private <T> Mono<T> concurrencyRejected(LlmOperation operation) {
		return rejected(operation, "concurrency", "max-concurrent-requests " + this.settings.maxConcurrentRequests());
	}

	private <T> Mono<T> rateLimited(LlmOperation operation, Mono<T> attempt) {
		if (this.requests == null) {
			return attempt;
		}
		LimitBucket requests = this.requests;
		return Mono.defer(() -> permitted(operation, requests, 1,
				"requests-per-second " + this.settings.requestsPerSecond(), (permit) -> attempt));
	}

	/**
	 * Limit one unary call, retries included, by its tokens: reserve an estimate before
	 * it starts and settle against the usage its answer reports ({@link TokenCount}). A
	 * call refused with an error status gives its tokens back; one that fails otherwise,
	 * or whose usage is unknown, keeps its estimate.
	 * @param <T> the answer type
	 * @param operation the operation
	 * @param body the JSON body of the request, for the estimate
	 * @param call the call
	 * @return the limited call
	 */
	<T> Mono<T> call(LlmOperation operation, byte @Nullable [] body, Mono<T> call) {
		return reserved(operation, body, call,
				(answer, settlement) -> answer.doOnSuccess((value) -> settlement.settle(TokenCount.usedTokens(value))));
	}

	/**
	 * Limit the opening of one stream, retries included, by its tokens: reserve an
	 * estimate before it starts and settle, when the stream ends, against the last usage
	 * a chunk reported ({@link TokenCount}).
	 * @param <T> the chunk type
	 * @param operation the operation
	 * @param body the JSON body of the request, for the estimate
	 * @param open the opening of the stream
	 * @return the limited opening
	 */
	<T> Mono<Flux<T>> open(LlmOperation operation, byte @Nullable [] body, Mono<Flux<T>> open) {
		return reserved(operation, body, open, (opened, settlement) -> opened.map((stream) -> {
			AtomicReference<@Nullable Long> used = new AtomicReference<>();
			return stream.doOnNext((chunk) -> {
				Long reported = TokenCount.usedTokens(chunk);
				if (reported != null) {
					used.set(reported);
				}
			}).doFinally((signal) -> settlement.settle(used.get()));
		}));
	}

	private <T> Mono<T> reserved(LlmOperation operation, byte @Nullable [] body, Mono<T> call,
			BiFunction<Mono<T>, Settlement, Mono<T>> settled) {
		LimitBucket tokens = this.tokens;
		if (tokens == null || body == null) {
			return call;
		}
		return Mono.defer(() -> {
			long perMinute = Objects.requireNonNull(this.settings.tokensPerMinute(), "tokens bucket without a limit");
			long estimate = Math.min(TokenEstimate.of(body), perMinute);
			return permitted(operation, tokens, estimate, "tokens-per-minute " + perMinute, (permit) -> {
				Settlement settlement = new Settlement(tokens, permit, estimate);
				return settled.apply(call, settlement)
					.doOnError(LlmApiException.class, (failure) -> settlement.settle(0L));
			});
		});
	}

	/**
	 * Settles one reservation, once, against the tokens actually used.
	 */
	private static final class Settlement {

		private final LimitBucket bucket;

		private final LimitBucket.Permit permit;

		private final long estimate;

		private final AtomicBoolean settled = new AtomicBoolean();

		Settlement(LimitBucket bucket, LimitBucket.Permit permit, long estimate) {
			this.bucket = bucket;
			this.permit = permit;
			this.estimate = estimate;
		}

		/**
		 * Settle against the tokens used; {@code null} (unknown) keeps the estimate.
		 */
		void settle(@Nullable Long used) {
			if (used != null && this.settled.compareAndSet(false, true)) {
				this.bucket.correct(this.permit, used - this.estimate);
			}
		}

	}

	private <T> Mono<T> permitted(LlmOperation operation, LimitBucket bucket, long permits, String description,
			java.util.function.Function<LimitBucket.Permit, Mono<T>> then) {
		long start = System.nanoTime();
		return Mono.defer(() -> bucket.acquire(operation, permits, this.settings.maxWait()))
			.flatMap((permit) -> switch (permit) {
				case REFUSED -> spent(operation, bucket.limit(), description, permits);
				case STORE_DOWN -> refused(operation, bucket.limit(), RefusalReason.STORE_DOWN, "client-side limit "
						+ description + ": its store " + this.store + " is unreachable and on-store-failure is reject");
				case TIMED_OUT -> refused(operation, bucket.limit(), RefusalReason.TIMEOUT,
						"client-side limit " + description + " waited too long: its store " + this.store
								+ " answered too slowly to give a permit within max-wait "
								+ this.settings.maxWait().toMillis() + " ms");
				default -> then.apply(permit).doFirst(() -> granted(operation, bucket.limit(), permit, permits, start));
			});
	}

	private void granted(LlmOperation operation, String limit, LimitBucket.Permit permit, long permits, long start) {
		String store = (permit == LimitBucket.Permit.SHARED && this.store != null) ? this.store.kind() : "local";
		this.listener.onLimitGranted(operation, limit, store, permits);
		waited(operation, limit, Duration.ofNanos(System.nanoTime() - start));
	}

	private void waited(LlmOperation operation, String limit, Duration wait) {
		if (wait.toMillis() >= 1) {
			this.listener.onLimitWait(operation, limit, wait);
		}
	}

	private <T> Mono<T> rejected(LlmOperation operation, String limit, String description) {
		return refused(operation, limit, RefusalReason.BUDGET, "client-side limit " + description
				+ " gave no permit within max-wait " + this.settings.maxWait().toMillis() + " ms");
	}

	private <T> Mono<T> spent(LlmOperation operation, String limit, String description, long permits) {
		String asked = limit.equals("tokens") ? permits + " tokens (estimated)" : "a request";
		return refused(operation, limit, RefusalReason.BUDGET,
				"client-side limit " + description + " is spent: no permit for " + asked + " within max-wait "
						+ this.settings.maxWait().toMillis() + " ms");
	}

	private <T> Mono<T> refused(LlmOperation operation, String limit, RefusalReason reason, String message) {
		return Mono.error(() -> {
			this.listener.onLimitRejected(operation, limit, reason.tag());
			return new LlmRequestException(operation, Kind.CLIENT_LIMIT, message, null);
		});
	}

	/**
	 * Why a limit refused a call, the {@code reason} tag of the refusal meter.
	 */
	enum RefusalReason {

		/**
		 * The limit's budget is spent for longer than the call's longest wait.
		 */
		BUDGET("budget"),

		/**
		 * The shared store is unreachable and the action is to reject.
		 */
		STORE_DOWN("store_down"),

		/**
		 * The shared store answered too slowly for the call's longest wait.
		 */
		TIMEOUT("timeout");

		private final String tag;

		RefusalReason(String tag) {
			this.tag = tag;
		}

		String tag() {
			return this.tag;
		}

	}

}
