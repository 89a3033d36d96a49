package dev.customllm.internal.http;

/**
 * A streamed payload whose reader notes a top-level {@code "error"} field (an object or a
 * string) itself, so that {@link EventStreamReader} need not look for the name in every
 * payload's bytes before reading it. A payload that has one fails the stream as an error
 * the service sent.
 *
 * @author Custom LLM team
 */
public interface ErrorFieldAware {

	/**
	 * Return whether the payload has a top-level {@code "error"} field that is an object
	 * or a string.
	 * @return whether the service sent an error
	 */
	boolean errorField();

}
