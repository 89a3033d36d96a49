package dev.customllm.internal.completion;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import reactor.core.publisher.Flux;

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
			AtomicBoolean started = new AtomicBoolean();
			return stream.apply(true).doOnNext((event) -> {
				// a plain read per event; the write only once
				if (!started.get()) {
					started.set(true);
				}
			}).onErrorResume((failure) -> !started.get() && isRefusal(failure), (failure) -> {
				this.refused.set(true);
				return stream.apply(false);
			});
		});
	}

	private static boolean isRefusal(Throwable failure) {
		if (!(failure instanceof LlmApiException api) || (api.status() != 400 && api.status() != 422)) {
			return false;
		}
		String text = (api.error().message() + " " + api.error().param()).toLowerCase(Locale.ROOT);
		return text.contains("stream_options") || text.contains("include_usage") || text.contains("stream options");
	}

}
