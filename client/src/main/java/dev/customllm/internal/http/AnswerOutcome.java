package dev.customllm.internal.http;

import org.jspecify.annotations.Nullable;

/**
 * What an answer, or an event of a stream, tells about the call besides its data, for the
 * APIs that say it inside the answer rather than with a status or {@code data: [DONE]}
 * (OpenAI's Responses API: {@code "status": "failed"}, {@code response.completed}): that
 * the service failed, which fails the call as an error status does, and that the stream
 * is over.
 *
 * @author Custom LLM team
 */
public interface AnswerOutcome {

	/**
	 * Return the error the service reports in this 2xx answer or event.
	 * @return the error as a JSON body ({@code {"error": {...}}} or an error object), or
	 * {@code null} when there is none
	 */
	default byte @Nullable [] error() {
		return null;
	}

	/**
	 * Return whether this event ends its stream, as {@code data: [DONE]} does: what
	 * follows it is read and ignored.
	 * @return whether the stream is over
	 */
	default boolean endsStream() {
		return false;
	}

}
