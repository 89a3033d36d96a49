package dev.customllm.internal.completion;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code stream_options} of a streamed request.
 *
 * @param includeUsage whether the service should send the token usage in a last chunk
 * @author Custom LLM team
 */
record StreamOptions(@JsonProperty("include_usage") boolean includeUsage) {

	static final StreamOptions INCLUDE_USAGE = new StreamOptions(true);

}
