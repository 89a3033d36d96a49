package dev.customllm.http;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * The answer to an {@link HttpCall}: its status and headers, and its body as it arrives.
 *
 * @author Custom LLM team
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
	 * response size). Each buffer belongs to the client once emitted, and the client
	 * releases it as soon as it is read: a sender on pooled memory emits buffers with a
	 * reference of their own (Reactor Netty's {@code receive().retain()}, Spring's
	 * {@code NettyDataBuffer}). Buffers not emitted before a cancellation stay the
	 * sender's.
	 * @return the body
	 */
	Flux<ByteBuf> body();

}
