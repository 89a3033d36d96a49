package dev.customllm.internal.http;

/**
 * An event of a stream that tells whether it carries content. Only events that do prove
 * that the answer progresses: an event without content (an empty delta, a role alone)
 * never resets the stream's idle timer, so that a server cannot keep a stream open
 * forever by sending nothing. Events of other types always count.
 *
 * @author Custom LLM team
 */
public interface ContentEvent {

	/**
	 * Return whether this event carries content.
	 * @return whether it proves progress
	 */
	boolean carriesContent();

}
