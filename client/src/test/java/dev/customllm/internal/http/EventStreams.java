package dev.customllm.internal.http;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;

import dev.customllm.LlmOperation;
import dev.customllm.internal.json.LlmJson;

/**
 * Reads an event stream body through the production {@link EventStreamReader}, for the
 * tests of other packages that check what their chunk types read from a stream.
 *
 * @author Custom LLM team
 */
public final class EventStreams {

	private static final HttpSettings SETTINGS = new HttpSettings("http://localhost/v1", null, Map.of(),
			Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), 1, Duration.ofSeconds(5),
			16 * 1024 * 1024, null);

	private EventStreams() {
	}

	/**
	 * Read the payloads of a chat event stream that arrives in the given pieces.
	 * @param <T> the payload type
	 * @param pieces the body, in the pieces the network delivers
	 * @param payloadType the type to read each payload as
	 * @return the payloads, in order
	 * @throws RuntimeException the stream's failure, if it has one
	 */
	public static <T> List<T> read(List<byte[]> pieces, Class<T> payloadType) {
		EventStreamReader reader = new EventStreamReader(LlmOperation.CHAT, LlmJson.mapper(),
				new ErrorResponses(LlmJson.mapper(), new SecretRedactor(null, Map.of(), Set.of()), Clock.systemUTC()),
				SETTINGS);
		return reader.read(Flux.fromIterable(pieces).map(Unpooled::wrappedBuffer), payloadType)
			.collectList()
			.block(Duration.ofSeconds(10));
	}

}
