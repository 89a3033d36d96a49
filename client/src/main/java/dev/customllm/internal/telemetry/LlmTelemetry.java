package dev.customllm.internal.telemetry;

import dev.customllm.observation.DefaultLlmObservationConvention;
import dev.customllm.observation.LlmObservationContext;
import dev.customllm.observation.LlmObservationConvention;
import dev.customllm.observation.LlmObservationDocumentation;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import dev.customllm.LlmOperation;
import dev.customllm.internal.http.RequestHook;

/**
 * Observes the calls of one client: a {@code gen_ai.client.operation} observation per
 * call (a timer with a {@code MeterRegistry}, a span with Micrometer Tracing) and the
 * {@link LlmMeters}. A client with neither a meter registry nor an observation registry
 * that observes anything leaves its calls as they are: nobody could read what would be
 * recorded. Thread-safe.
 *
 * @author Custom LLM team
 */
public final class LlmTelemetry {

	/**
	 * Key of the current observation in the Reactor context, as Micrometer's context
	 * propagation names it.
	 */
	static final String OBSERVATION_KEY = "micrometer.observation";

	private static final DefaultLlmObservationConvention DEFAULT_CONVENTION = new DefaultLlmObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable LlmObservationConvention convention;

	private final LlmMeters meters;

	private final String providerName;

	private final boolean includeContent;

	private final boolean keepsMeters;

	/**
	 * Create a new instance.
	 * @param registry the observation registry
	 * @param convention a convention replacing the default one, if any
	 * @param meterRegistry the meter registry, or {@code null} for none
	 * @param providerName the provider name tag
	 * @param includeContent whether prompts and completions are recorded on spans
	 */
	public LlmTelemetry(ObservationRegistry registry, @Nullable LlmObservationConvention convention,
			@Nullable MeterRegistry meterRegistry, String providerName, boolean includeContent) {
		this(registry, convention, meterRegistry, providerName, includeContent, Set.of());
	}

	/**
	 * Create a new instance.
	 * @param registry the observation registry
	 * @param convention a convention replacing the default one, if any
	 * @param meterRegistry the meter registry, or {@code null} for none: the meters are
	 * then kept nowhere, and calls go unobserved unless the observation registry observes
	 * them
	 * @param providerName the provider name tag
	 * @param includeContent whether prompts and completions are recorded on spans
	 * @param configuredModels the models the client is configured with, always kept in
	 * tags; other names are tagged up to a limit, then as {@code _OTHER}
	 */
	public LlmTelemetry(ObservationRegistry registry, @Nullable LlmObservationConvention convention,
			@Nullable MeterRegistry meterRegistry, String providerName, boolean includeContent,
			Collection<String> configuredModels) {
		this.registry = registry;
		this.convention = convention;
		this.meters = new LlmMeters((meterRegistry != null) ? meterRegistry : new CompositeMeterRegistry(),
				providerName, new ModelTags(configuredModels, ModelTags.LIMIT));
		this.keepsMeters = meterRegistry != null;
		this.providerName = providerName;
		this.includeContent = includeContent;
	}

	/**
	 * Return the meters, which also listen to retries and limits.
	 * @return the meters
	 */
	public LlmMeters meters() {
		return this.meters;
	}

	/**
	 * Observe a unary call.
	 * @param <T> the answer type
	 * @param call what is observed
	 * @param onAnswer records the answer (response model, tokens, completion) on the
	 * context
	 * @return the observed call
	 */
	public <T> Mono<T> observe(Call call, Mono<T> answer, BiConsumer<LlmObservationContext, T> onAnswer) {
		if (!observing()) {
			return answer;
		}
		return new ObservedCall<>(answer, (reactorContext) -> {
			LlmObservationContext context = context(call, reactorContext);
			return new Stopper(start(context, reactorContext.getOrDefault(OBSERVATION_KEY, null)), context);
		}, onAnswer);
	}

	/**
	 * Observe a stream: the observation ends with the stream, and the time to its first
	 * element is recorded.
	 * @param <T> the element type
	 * @param call what is observed
	 * @param stream the stream
	 * @param onElement records each element (response model, final usage) on the context
	 * @return the observed stream
	 */
	public <T> Flux<T> observeStream(Call call, Flux<T> stream, BiConsumer<LlmObservationContext, T> onElement) {
		if (!observing()) {
			return stream;
		}
		return Flux.deferContextual((reactorContext) -> {
			LlmObservationContext context = context(call, reactorContext);
			Stopper stopper = new Stopper(start(context, reactorContext.getOrDefault(OBSERVATION_KEY, null)), context);
			long start = System.nanoTime();
			AtomicBoolean first = new AtomicBoolean(true);
			return stream.doOnNext((element) -> {
				// a plain read per element; the compare-and-set only once
				if (first.get() && first.compareAndSet(true, false)) {
					this.meters.recordTimeToFirstChunk(call.operation(), call.model(),
							Duration.ofNanos(System.nanoTime() - start));
				}
				onElement.accept(context, element);
			})
				.doOnComplete(() -> stopper.stop(null))
				.doOnError(stopper::stop)
				.doOnCancel(stopper::cancel)
				.contextWrite((inner) -> inner.put(OBSERVATION_KEY, stopper.observation));
		});
	}

	/**
	 * Return the hook that sends, with every attempt of an observed call, the headers
	 * tracing asked for, such as {@code traceparent}.
	 * @return the hook
	 */
	public static RequestHook propagation() {
		return (context, headers) -> propagationHeaders(context).forEach(headers);
	}

	/**
	 * Return the headers that tracing asked to send with the requests of the call
	 * observed in a Reactor context, such as {@code traceparent}.
	 * @param reactorContext the Reactor context of an HTTP attempt
	 * @return the headers, empty when the call is not traced
	 */
	static Map<String, String> propagationHeaders(ContextView reactorContext) {
		Object observation = reactorContext.getOrDefault(OBSERVATION_KEY, null);
		if (observation instanceof Observation current
				&& current.getContext() instanceof LlmObservationContext context) {
			return context.getPropagationHeaders();
		}
		return Map.of();
	}

	private LlmObservationContext context(Call call, ContextView reactorContext) {
		LlmObservationContext context = new LlmObservationContext(call.operation(), this.providerName,
				this.meters.modelTag(call.model()));
		RouteTag.apply(reactorContext, context);
		if (this.includeContent && call.prompt() != null) {
			context.setPrompt(call.prompt().get());
		}
		return context;
	}

	/**
	 * Return whether calls are observed: with a meter registry, or an observation
	 * registry that is not a no-op, asked at each call, as handlers may be added after
	 * the client is built.
	 * @return whether calls are observed
	 */
	public boolean observing() {
		return this.keepsMeters || !this.registry.isNoop();
	}

	/**
	 * Return whether completions should be recorded on the context.
	 * @return whether content recording is enabled
	 */
	public boolean includeContent() {
		return this.includeContent;
	}

	private Observation start(LlmObservationContext context, @Nullable Observation parent) {
		this.meters.callStarted();
		return LlmObservationDocumentation.CLIENT_OPERATION
			.observation(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
			.parentObservation(parent)
			.start();
	}

	/**
	 * Stops an observation once, before the outcome reaches the caller.
	 */
	final class Stopper {

		private final Observation observation;

		private final LlmObservationContext context;

		private final AtomicBoolean stopped = new AtomicBoolean();

		Stopper(Observation observation, LlmObservationContext context) {
			this.observation = observation;
			this.context = context;
		}

		Observation observation() {
			return this.observation;
		}

		LlmObservationContext context() {
			return this.context;
		}

		void cancel() {
			this.context.setCancelled(true);
			stop(null);
		}

		void stop(@Nullable Throwable failure) {
			if (this.stopped.compareAndSet(false, true)) {
				if (failure != null) {
					this.observation.error(failure);
				}
				this.context.setResponseModel(LlmTelemetry.this.meters.modelTag(this.context.getResponseModel()));
				LlmTelemetry.this.meters.callEnded(this.context);
				this.observation.stop();
			}
		}

	}

	/**
	 * What a call is: its operation, the model asked for and, for content recording, its
	 * prompt.
	 *
	 * @param operation the operation
	 * @param model the model asked for, if any
	 * @param prompt supplies the prompt text, read only when content recording is enabled
	 */
	public record Call(LlmOperation operation, @Nullable String model, @Nullable Supplier<String> prompt) {

	}

}
