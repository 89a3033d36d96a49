package dev.customllm.internal.completion;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * A piece of a tool call in a streamed chat event. The pieces with the same {@code index}
 * make up one call: the first usually has its id and name, the following ones pieces of
 * its arguments.
 *
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ToolCallDelta(@Nullable Integer index, @Nullable String id, @Nullable FunctionCallBody function) {

}
