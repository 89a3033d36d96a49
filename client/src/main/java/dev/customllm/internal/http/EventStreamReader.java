package dev.customllm.internal.http;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.customllm.LlmException;
import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;

/**
 * Reads the body of an OpenAI-style event stream: the JSON payload of each {@code data:}
 * event, in order, until {@code data: [DONE]}.
 * <ul>
 * <li>An error event ({@code event: error}, an {@code error:} field, or an {@code error}
 * object in a payload) fails the stream with an {@link dev.customllm.LlmApiException},
 * whatever follows it.</li>
 * <li>A body that ends, or a connection that closes, before {@code [DONE]} fails the
 * stream with an {@link LlmResponseException} after the payloads that arrived.</li>
 * <li>No first payload within the response timeout, or no next one within the stream idle
 * timeout, fails it with a {@link TimeoutException}; comments (keep-alives) do not count as
 * payloads.</li>
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
	 * What an event without a payload reads as, filtered out.
	 */
	private static final Object SKIP = new Object();

	private static final byte[] ERROR_NAME = "\"error\"".getBytes(StandardCharsets.US_ASCII);

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
	 * Read an event stream body whose buffers the connection releases.
	 * @param <T> the payload type
	 * @param body the body, in network buffers as they arrive; each is read during the
	 * signal that delivers it and not kept
	 * @param payloadType the type to read each JSON payload as
	 * @return the payloads of the data events
	 */
	<T> Flux<T> read(Flux<ByteBuf> body, Class<T> payloadType) {
		return read(body, payloadType, false);
	}

	/**
	 * Read an event stream body.
	 * @param <T> the payload type
	 * @param body the body, in network buffers as they arrive; each is read during the
	 * signal that delivers it and not kept
	 * @param payloadType the type to read each JSON payload as
	 * @param release whether each buffer is released once read, for buffers handed over to
	 * the reader
	 * @return the payloads of the data events
	 */
	<T> Flux<T> read(Flux<ByteBuf> body, Class<T> payloadType, boolean release) {
		return Flux.defer(() -> new Reading<>(payloadType, release).read(body));
	}

	/**
	 * State of one subscription to the stream.
	 */
	private final class Reading<T> {

		private final Class<T> payloadType;

		private final SseDecoder decoder = new SseDecoder(EventStreamReader.this.settings.maxResponseSize());

		private final Sinks.Empty<Void> doneSignal = Sinks.empty();

		private volatile boolean done;

		private int payloads;

		private volatile long lastPayloadNanos = System.nanoTime();

		private volatile boolean seenPayload;

		private final boolean release;

		Reading(Class<T> payloadType, boolean release) {
			this.payloadType = payloadType;
			this.release = release;
		}

		Flux<T> read(Flux<ByteBuf> body) {
			Sinks.Empty<Void> finished = Sinks.empty();
			// decoded as each buffer arrives, before the connection releases it
			@SuppressWarnings("unchecked")
			Flux<T> payloads = (Flux<T>) body.map(this::decode)
				.concatMapIterable(Function.identity(), 1)
				.concatWith(Mono.fromSupplier(this.decoder::finish))
				// map and filter, not handle: handle restores thread locals for every element
				// whenever context-propagation is on the classpath
				.map(this::next)
				.filter((payload) -> payload != SKIP)
				.doFinally((signal) -> finished.tryEmitEmpty());
			return Flux.merge(1, payloads, watchdog().takeUntilOther(finished.asMono()))
				.takeUntilOther(this.doneSignal.asMono().then(Mono.delay(AFTER_DONE_GRACE)))
				.onErrorResume((failure) -> this.done ? Mono.empty() : Mono.error(cut(failure)))
				.concatWith(Mono.defer(this::checkDone));
		}

		private List<SseEvent> decode(ByteBuf buffer) {
			try {
				return this.decoder.decode(buffer);
			}
			catch (VirtualMachineError | LinkageError error) {
				throw new FatalReadException(error);
			}
			finally {
				if (this.release) {
					buffer.release();
				}
			}
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
				return Mono.delay(Duration.ofNanos(limit.toNanos() - idle)).then(Mono.defer(this::watchdog));
			});
		}

		/**
		 * Read one event: its payload, or {@link #SKIP} for an event that has none (a
		 * comment, {@code [DONE]}, anything after it); a failure is thrown.
		 */
		private Object next(SseEvent event) {
			try {
				return read(event);
			}
			catch (VirtualMachineError | LinkageError error) {
				throw new FatalReadException(error);
			}
		}

		private Object read(SseEvent event) {
			if (this.done) {
				return SKIP;
			}
			if (event.isError()) {
				throw apiError((event.error() != null) ? event.error() : event.data());
			}
			if (event.isDone()) {
				this.done = true;
				this.doneSignal.tryEmitEmpty();
				return SKIP;
			}
			int start = event.firstNonBlank();
			return (start < event.dataBytes().length) ? payload(event, start) : SKIP;
		}

		private T payload(SseEvent event, int start) {
			byte[] data = event.dataBytes();
			if (data[start] == '{' && indexOf(data, ERROR_NAME) < 0) {
				// the common case, parsed once: an object that cannot hold an error
				this.payloads++;
				touch();
				return EventStreamReader.this.jsonMapper.readValue(data, this.payloadType);
			}
			JsonNode node = EventStreamReader.this.jsonMapper.readTree(data);
			JsonNode error = node.get("error");
			if (error != null && (error.isObject() || error.isString())) {
				throw apiError(event.data());
			}
			if (!node.isObject()) {
				throw new LlmResponseException(EventStreamReader.this.operation,
						"server-sent event data is not a JSON object: " + excerpt(event.data()));
			}
			this.payloads++;
			touch();
			return EventStreamReader.this.jsonMapper.treeToValue(node, this.payloadType);
		}

		private void touch() {
			this.lastPayloadNanos = System.nanoTime();
			this.seenPayload = true;
		}

		private static int indexOf(byte[] data, byte[] part) {
			outer: for (int i = 0; i <= data.length - part.length; i++) {
				for (int j = 0; j < part.length; j++) {
					if (data[i + j] != part[j]) {
						continue outer;
					}
				}
				return i;
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
	 * Return the status to report for an error sent inside a stream, whose HTTP status was
	 * 200: the error's own code when it is an HTTP error status, else 500.
	 */
	private int status(String payload) {
		JsonNode root = readTree(payload);
		JsonNode error = (root != null && root.has("error")) ? root.get("error") : root;
		JsonNode code = (error != null) ? error.get("code") : null;
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

	private static String excerpt(String data) {
		return (data.length() > 100) ? data.substring(0, 100) + "…" : data;
	}

}
