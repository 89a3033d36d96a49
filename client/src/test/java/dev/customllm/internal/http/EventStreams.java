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
 * Reads an event stream body through the production {@link EventStreamReader}, and a
 * unary body through the production {@link ParsingBody} with the mapper's parser, for the
 * tests of other packages that check what their answer and chunk types read.
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

	/**
	 * Read a unary 2xx body that arrives in the given pieces as the transport reads an
	 * answer type without a parser of its own ({@link MappedAnswerParser} in a
	 * {@link ParsingBody}).
	 * @param <T> the answer type
	 * @param pieces the body, in the pieces the network delivers
	 * @param answerType the type to read it as
	 * @return the answer
	 * @throws RuntimeException the answer's failure, if it has one
	 */
	public static <T> T parse(List<byte[]> pieces, Class<T> answerType) {
		return parse(pieces, new MappedAnswerParser<>(LlmOperation.CHAT, LlmJson.mapper(), answerType));
	}

	/**
	 * Read a unary 2xx body that arrives in the given pieces with a parser, as the
	 * transport reads it ({@link ParsingBody}).
	 * @param <T> the answer type
	 * @param pieces the body, in the pieces the network delivers
	 * @param parser the parser
	 * @return the answer
	 * @throws RuntimeException the answer's failure, if it has one
	 */
	public static <T> T parse(List<byte[]> pieces, AnswerParser<T> parser) {
		ErrorResponses errors = new ErrorResponses(LlmJson.mapper(), new SecretRedactor(null, Map.of(), Set.of()),
				Clock.systemUTC());
		ParsingBody<T> body = new ParsingBody<>(LlmOperation.CHAT, parser, errors, SETTINGS.maxResponseSize(), -1,
				SETTINGS.responseMemory());
		try {
			for (byte[] piece : pieces) {
				body.feed(Unpooled.wrappedBuffer(piece));
			}
			return body.finish();
		}
		finally {
			body.release();
		}
	}

}
