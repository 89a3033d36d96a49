package dev.customllm.http;

import java.nio.ByteBuffer;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * The answer to an {@link HttpCall}: its status and headers, and its body as it arrives.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public interface HttpAnswer {

	/**
	 * Return the HTTP status code.
	 * @return the status
	 */
	int status();

	/**
	 * Return the first value of a header.
	 * @param name the header name, case-insensitive
	 * @return the value, or {@code null} when absent
	 */
	@Nullable String header(String name);

	/**
	 * Return the body as it arrives. The client subscribes once, and either reads it to
	 * the end or cancels it (a stream the caller stops, a body larger than the maximum
	 * response size).
	 * <p>
	 * Every buffer stays the sender's: the client reads its remaining bytes during the
	 * {@code onNext} signal that delivers it and keeps no reference to it after. A sender
	 * on pooled memory therefore releases each buffer once {@code onNext} has returned
	 * (Reactor Netty's {@code receive()} does so by itself; Spring's {@code DataBuffer}s
	 * are released by the sender, see the reference documentation), and releases what it
	 * never emitted when the body is cancelled. The client neither releases nor changes a
	 * buffer, nor reads one after a cancellation.
	 * @return the body
	 */
	Flux<ByteBuffer> body();

}
