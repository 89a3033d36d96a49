package dev.customllm.internal.http;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;

/**
 * The deserializer of a streamed payload type ({@code @JsonDeserialize(using = ...)})
 * that can also read the usual payload from a bare parser, without the mapper's context,
 * which {@link EventStreamReader} would otherwise create for every event. A payload it
 * cannot read that way is read by the mapper, with the same outcome.
 *
 * @param <T> the payload type
 * @author Custom LLM team
 */
public interface DirectPayloadReader<T> {

	/**
	 * Read a payload from a parser of its bytes alone.
	 * @param parser the parser, before its first token
	 * @return the payload, or {@code null} when the mapper must read it
	 */
	@Nullable T readDirectly(JsonParser parser);

}
