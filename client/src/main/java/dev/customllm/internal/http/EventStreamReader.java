package dev.customllm.internal.http;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.concurrent.TimeoutException;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.json.JsonMapper;

import dev.customllm.LlmException;
import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;

/**
 * Reads the body of an OpenAI-style event stream: the JSON payload of each {@code data:}
 * event, in order, until {@code data: [DONE]}.
 * <ul>
 * <li>An error event ({@code event: error}, an {@code error:} field, an {@code error}
 * object in a payload, or a payload whose {@link AnswerOutcome} tells an error) fails the
 * stream with an {@link dev.customllm.LlmApiException}, whatever follows it.</li>
 * <li>A payload whose {@link AnswerOutcome} ends the stream is the last one, as
 * {@code data: [DONE]} is.</li>
 * <li>A body that ends, or a connection that closes, before {@code [DONE]} fails the
 * stream with an {@link LlmResponseException} after the payloads that arrived.</li>
 * <li>No first payload within the response timeout, or no next one within the stream idle
 * timeout, fails it with a {@link TimeoutException}; comments (keep-alives), and payloads
 * that carry no content ({@link ContentEvent}), do not count.</li>
 * <li>After {@code [DONE]} the rest of the body is read and ignored, so that the
 * connection can go back to the pool, for a short grace time at most.</li>
 * </ul>
 * Demand is passed on: the body is read no faster than the subscriber asks.
 *
 * @author Custom LLM team
 */
final class EventStreamReader {

	private static final Duration AFTER_DONE_GRACE = Duration.ofSeconds(2);

	/**
	 * The error codes of a stream's error event that tell a rate limit, reported as 429.
	 */
	private static final Set<String> RATE_LIMIT_CODES = Set.of("rate_limit_exceeded", "rate_limit_error");

	/**
	 * Events larger than this reserve from the memory budget what parsing them takes.
	 */
	private static final int LARGE_EVENT = 16 * 1024;

	/**
	 * Bytes that parsing takes per byte of an event: the parser's text buffers (two bytes
	 * a character) and the strings made of them.
	 */
	private static final long PARSING_FACTOR = 4;

	private static final byte[] ERROR_NAME = "\"error\"".getBytes(StandardCharsets.US_ASCII);

	/**
	 * How far the search for {@link #ERROR_NAME} may skip after each byte value.
	 */
	private static final int[] ERROR_NAME_SKIPS = skips(ERROR_NAME);

	private final LlmOperation operation;

	private final JsonMapper jsonMapper;

	private final ErrorResponses errorResponses;

	private final HttpSettings settings;

	EventStreamReader(LlmOperation operation, JsonMapper jsonMapper, ErrorResponses errorResponses,
			HttpSettings settings) {
		this.operation = operation;
		this.jsonMapper = jsonMapper;
		this.errorResponses = errorResponses;
		this.settings = settings;
	}

	/**
	 * Read an event stream body whose buffers their sender releases.
	 * @param <T> the payload type
	 * @param body the body, in buffers as they arrive; each is read during the signal
	 * that delivers it and not kept
	 * @param payloadType the type to read each JSON payload as
	 * @return the payloads of the data events
	 */
	<T> Flux<T> read(Flux<ByteBuf> body, Class<T> payloadType) {
		return Flux.defer(() -> new Reading<>(payloadType).read(body));
	}

	/**
	 * State of one subscription to the stream. Each buffer is decoded and its payloads
	 * parsed as it arrives, straight from the decoder's bytes, into a {@link Batch}
	 * handed on; a failure is handed on after the payloads before it.
	 */
	private final class Reading<T> implements SseDecoder.Listener {

		private final Class<T> payloadType;

		/**
		 * Reads each payload with its deserializer found once per stream, not per event.
		 */
		private final ObjectReader payloadReader;

		/** Whether the payload's reader tells a top-level error field itself. */
		private final boolean readsErrorField;

		/** The payload type's own reader of a bare parser, if it has one. */
		private final @Nullable DirectPayloadReader<T> directReader;

		private final SseDecoder decoder = new SseDecoder(EventStreamReader.this.settings.maxResponseSize(),
				EventStreamReader.this.settings.responseMemory());

		private final Sinks.Empty<Void> doneSignal = Sinks.empty();

		private volatile boolean done;

		private boolean failed;

		private int payloads;

		private volatile long lastPayloadNanos = System.nanoTime();

		private volatile boolean seenPayload;

		/**
		 * The batch being filled by the buffer being decoded.
		 */
		private @Nullable Batch batch;

		Reading(Class<T> payloadType) {
			this.payloadType = payloadType;
			this.payloadReader = EventStreamReader.this.jsonMapper.readerFor(payloadType);
			this.readsErrorField = ErrorFieldAware.class.isAssignableFrom(payloadType);
			this.directReader = directReader(payloadType);
		}

		Flux<T> read(Flux<ByteBuf> body) {
			Sinks.Empty<Void> finished = Sinks.empty();
			// decoded as each buffer arrives, before the connection releases it; map, not
			// handle: handle restores thread locals for every element whenever
			// context-propagation is on the classpath
			Flux<T> payloads = body.map(this::decode)
				.concatWith(Mono.fromSupplier(this::finish))
				.concatMapIterable(this::payloads, 1)
				.doFinally((signal) -> {
					this.decoder.release();
					finished.tryEmitEmpty();
				});
			// the timers beside the payloads rather than an operator per payload: a
			// failure
			// after [DONE] (the grace time over) ends the stream without error
			Mono<T> timers = Mono.firstWithSignal(watchdog(), afterDone());
			return Flux.merge(1, payloads, timers.takeUntilOther(finished.asMono()))
				.onErrorResume((failure) -> this.done ? Mono.empty() : Mono.error(cut(failure)))
				.concatWith(Mono.defer(this::checkDone));
		}

		/**
		 * Return the payloads of a batch; its iteration throws the failure a batch may
		 * end with, which fails the stream after the payloads before it.
		 */
		@SuppressWarnings("unchecked")
		private Iterable<T> payloads(Batch batch) {
			return (Iterable<T>) (Iterable<?>) batch;
		}

		private Batch decode(ByteBuf buffer) {
			try {
				if (!this.failed) {
					this.decoder.decode(buffer, this);
				}
			}
			catch (RuntimeException ex) {
				fail(ex);
			}
			catch (VirtualMachineError | LinkageError error) {
				throw new FatalReadException(error);
			}
			return takeBatch();
		}

		private Batch finish() {
			try {
				if (!this.failed) {
					this.decoder.finish(this);
				}
			}
			catch (RuntimeException ex) {
				fail(ex);
			}
			catch (VirtualMachineError | LinkageError error) {
				throw new FatalReadException(error);
			}
			return takeBatch();
		}

		private Batch takeBatch() {
			Batch taken = this.batch;
			this.batch = null;
			return (taken != null) ? taken : Batch.EMPTY;
		}

		private void add(Object element) {
			if (this.batch == null) {
				this.batch = new Batch(element);
			}
			else {
				this.batch.add(element);
			}
		}

		private void fail(RuntimeException failure) {
			this.failed = true;
			add(new Failure(failure));
		}

		/**
		 * Once {@code [DONE]} arrived, read and ignore what follows for a grace time at
		 * most, then end the reading (which cancels the body).
		 */
		private Mono<T> afterDone() {
			return this.doneSignal.asMono()
				.then(Mono.delay(AFTER_DONE_GRACE))
				.then(Mono.error(() -> new TimeoutException(
						"body still open " + AFTER_DONE_GRACE.toMillis() + " ms after data: [DONE]")));
		}

		/**
		 * Fail when no payload came in time: one timer per idle period, re-armed when it
		 * fires, rather than one per chunk. Comments (keep-alives) do not count.
		 */
		private Mono<T> watchdog() {
			return Mono.defer(() -> {
				Duration limit = this.seenPayload ? EventStreamReader.this.settings.streamIdleTimeout()
						: EventStreamReader.this.settings.responseTimeout();
				long idle = System.nanoTime() - this.lastPayloadNanos;
				if (idle >= limit.toNanos()) {
					return Mono.error(new TimeoutException("no chunk within " + limit.toMillis() + " ms"));
				}
				// wakes up no later than an idle timeout away, so that a first payload
				// that
				// arrives early starts the (shorter) idle timeout
				long wait = Math.min(limit.toNanos() - idle,
						EventStreamReader.this.settings.streamIdleTimeout().toNanos());
				return Mono.delay(Duration.ofNanos(wait)).then(Mono.defer(this::watchdog));
			});
		}

		/**
		 * Read one event into the batch: its payload, or nothing for an event that has
		 * none (a comment, {@code [DONE]}, anything after it, anything after a failure);
		 * a failure is added after the payloads before it, and ends the reading.
		 */
		@Override
		public void event(@Nullable String type, byte[] data, int length, @Nullable String error) {
			if (this.done || this.failed) {
				return;
			}
			long parsing = 0;
			try {
				if (length > LARGE_EVENT) {
					EventStreamReader.this.settings.responseMemory().reserve(PARSING_FACTOR * length);
					parsing = PARSING_FACTOR * length;
				}
				Object payload = read(type, data, length, error);
				if (payload != null) {
					add(payload);
				}
			}
			catch (RuntimeException ex) {
				fail(ex);
			}
			catch (VirtualMachineError | LinkageError ex) {
				throw new FatalReadException(ex);
			}
			finally {
				if (parsing > 0) {
					EventStreamReader.this.settings.responseMemory().release(parsing);
				}
			}
		}

		private @Nullable Object read(@Nullable String type, byte[] data, int length, @Nullable String error) {
			if (error != null || "error".equals(type)) {
				throw apiError((error != null) ? error : text(data, length));
			}
			if (SseEvent.isDone(data, length)) {
				this.done = true;
				this.doneSignal.tryEmitEmpty();
				return null;
			}
			int start = SseEvent.firstNonBlank(data, length);
			return (start < length) ? payload(data, start, length) : null;
		}

		private T payload(byte[] data, int start, int length) {
			if (data[start] == '{') {
				if (this.readsErrorField) {
					return checkedPayload(data, length);
				}
				if (indexOfErrorName(data, length) < 0) {
					// the common case, parsed once: an object that cannot hold an error
					return outcome(touch(parse(data, length)));
				}
			}
			return treePayload(data, length);
		}

		/**
		 * Read an object whose reader tells an error field itself, parsed once. When it
		 * cannot be read, the tree tells why, as for any other payload: an error the
		 * service sent comes first.
		 */
		private T checkedPayload(byte[] data, int length) {
			T payload;
			try {
				payload = parse(data, length);
			}
			catch (JacksonException ex) {
				return treePayload(data, length);
			}
			if (((ErrorFieldAware) payload).errorField()) {
				throw apiError(text(data, length));
			}
			return outcome(touch(payload));
		}

		/**
		 * Parse an object: by its type's own reader from a bare parser when it can, else
		 * by the mapper.
		 */
		private T parse(byte[] data, int length) {
			DirectPayloadReader<T> direct = this.directReader;
			if (direct != null) {
				try (JsonParser parser = EventStreamReader.this.jsonMapper.tokenStreamFactory()
					.createParser(ObjectReadContext.empty(), data, 0, length)) {
					T payload = direct.readDirectly(parser);
					if (payload != null) {
						return payload;
					}
				}
			}
			return this.payloadReader.readValue(data, 0, length);
		}

		private T treePayload(byte[] data, int length) {
			JsonNode node = EventStreamReader.this.jsonMapper.readTree(data, 0, length);
			JsonNode error = node.get("error");
			if (error != null && (error.isObject() || error.isString())) {
				throw apiError(text(data, length));
			}
			if (!node.isObject()) {
				throw new LlmResponseException(EventStreamReader.this.operation,
						"server-sent event data is not a JSON object: "
								+ EventStreamReader.this.errorResponses.excerpt(text(data, length), 100));
			}
			return outcome(touch(EventStreamReader.this.jsonMapper.treeToValue(node, this.payloadType)));
		}

		/**
		 * Act on what a payload tells of the call ({@link AnswerOutcome}): an error fails
		 * the stream, an end ends it as {@code [DONE]} does, after this payload.
		 */
		private T outcome(T payload) {
			if (payload instanceof AnswerOutcome outcome) {
				byte[] error = outcome.error();
				if (error != null) {
					throw apiError(new String(error, StandardCharsets.UTF_8));
				}
				if (outcome.endsStream()) {
					this.done = true;
					this.doneSignal.tryEmitEmpty();
				}
			}
			return payload;
		}

		/**
		 * Count a payload; one that carries content ({@link ContentEvent}) also resets
		 * the idle timer.
		 */
		private T touch(T payload) {
			this.payloads++;
			if (!(payload instanceof ContentEvent event) || event.carriesContent()) {
				this.lastPayloadNanos = System.nanoTime();
				if (!this.seenPayload) {
					this.seenPayload = true;
				}
			}
			return payload;
		}

		/**
		 * Find {@link #ERROR_NAME} in a payload, skipping ahead by the byte at the end of
		 * each window (Horspool), as this runs on every payload.
		 */
		private static int indexOfErrorName(byte[] data, int length) {
			int last = ERROR_NAME.length - 1;
			int i = 0;
			while (i <= length - ERROR_NAME.length) {
				byte end = data[i + last];
				if (end == ERROR_NAME[last] && Arrays.equals(data, i, i + last, ERROR_NAME, 0, last)) {
					return i;
				}
				i += ERROR_NAME_SKIPS[end & 0xFF];
			}
			return -1;
		}

		private Throwable cut(Throwable failure) {
			if (failure instanceof LlmException || !isCut(failure)) {
				return failure;
			}
			return new LlmResponseException(EventStreamReader.this.operation, "stream cut before data: [DONE] after "
					+ this.payloads + " events (" + failure.getClass().getSimpleName() + ")", failure);
		}

		private Mono<T> checkDone() {
			if (this.done) {
				return Mono.empty();
			}
			String problem = "stream ended before data: [DONE] after " + this.payloads + " events";
			return Mono.error(new LlmResponseException(EventStreamReader.this.operation,
					(this.payloads > 0) ? problem : problem + ": the answer held no server-sent events"));
		}

	}

	@SuppressWarnings("unchecked")
	private static <T> @Nullable DirectPayloadReader<T> directReader(Class<T> payloadType) {
		return (DirectPayloadReader<T>) DIRECT_READERS.get(payloadType).orElse(null);
	}

	/**
	 * The deserializer a payload type names with {@code @JsonDeserialize(using = ...)},
	 * created once per type, when it is also a {@link DirectPayloadReader}.
	 */
	private static final ClassValue<Optional<DirectPayloadReader<?>>> DIRECT_READERS = new ClassValue<>() {

		@Override
		protected Optional<DirectPayloadReader<?>> computeValue(Class<?> type) {
			JsonDeserialize annotation = type.getAnnotation(JsonDeserialize.class);
			if (annotation == null || !DirectPayloadReader.class.isAssignableFrom(annotation.using())) {
				return Optional.empty();
			}
			try {
				Constructor<?> constructor = annotation.using().getDeclaredConstructor();
				constructor.setAccessible(true);
				return Optional.of((DirectPayloadReader<?>) constructor.newInstance());
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return Optional.empty();
			}
		}

	};

	/**
	 * A failure met while decoding a buffer, handed on after the payloads before it.
	 */
	private static final class Failure {

		private final RuntimeException exception;

		Failure(RuntimeException exception) {
			this.exception = exception;
		}

		RuntimeException exception() {
			return this.exception;
		}

	}

	/**
	 * The payloads (and possibly a failure) read from one buffer, in order: an
	 * {@link Iterable} that is its own {@link Spliterator}, so that handing on the usual
	 * single payload of a buffer costs one small object. Iterated once; reaching a
	 * failure throws it.
	 */
	private static final class Batch implements Iterable<Object>, Spliterator<Object> {

		static final Batch EMPTY = new Batch(null);

		private @Nullable Object first;

		private @Nullable List<Object> more;

		private int size;

		private int position;

		Batch(@Nullable Object first) {
			this.first = first;
			this.size = (first != null) ? 1 : 0;
		}

		void add(Object element) {
			if (this.more == null) {
				this.more = new ArrayList<>(4);
			}
			this.more.add(element);
			this.size++;
		}

		@Override
		public Iterator<Object> iterator() {
			return Spliterators.iterator(this);
		}

		@Override
		public Spliterator<Object> spliterator() {
			return this;
		}

		@Override
		public boolean tryAdvance(Consumer<? super Object> action) {
			if (this.position >= this.size) {
				return false;
			}
			Object element = (this.position == 0) ? this.first
					: Objects.requireNonNull(this.more, "no more elements").get(this.position - 1);
			this.position++;
			if (element instanceof Failure failure) {
				// the stream fails here, after the payloads before it
				throw failure.exception();
			}
			action.accept(element);
			return true;
		}

		@Override
		public @Nullable Spliterator<Object> trySplit() {
			return null;
		}

		@Override
		public long estimateSize() {
			return this.size - this.position;
		}

		@Override
		public int characteristics() {
			return ORDERED | SIZED | NONNULL;
		}

	}

	private static int[] skips(byte[] pattern) {
		int[] skips = new int[256];
		Arrays.fill(skips, pattern.length);
		for (int i = 0; i < pattern.length - 1; i++) {
			skips[pattern[i] & 0xFF] = pattern.length - 1 - i;
		}
		return skips;
	}

	private static boolean isCut(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof PrematureCloseException
					|| (cause instanceof IOException && !(cause instanceof SocketTimeoutException))) {
				return true;
			}
		}
		return false;
	}

	private LlmException apiError(String payload) {
		byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
		return this.errorResponses.toException(this.operation, status(payload), (name) -> null, bytes);
	}

	/**
	 * Return the status to report for an error sent inside a stream, whose HTTP status
	 * was 200: the error's own code when it is an HTTP error status, else 500.
	 */
	private int status(String payload) {
		JsonNode root = readTree(payload);
		JsonNode error = (root != null && root.has("error")) ? root.get("error") : root;
		JsonNode code = (error != null) ? error.get("code") : null;
		if (code != null && code.isString() && RATE_LIMIT_CODES.contains(code.asString())) {
			return 429;
		}
		int status = (code != null && code.canConvertToInt()) ? code.asInt() : 0;
		return (status >= 400 && status <= 599) ? status : 500;
	}

	private @Nullable JsonNode readTree(String payload) {
		try {
			return this.jsonMapper.readTree(payload);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String text(byte[] data, int length) {
		return new String(data, 0, length, StandardCharsets.UTF_8);
	}

}
