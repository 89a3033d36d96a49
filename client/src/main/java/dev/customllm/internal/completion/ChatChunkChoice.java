package dev.customllm.internal.completion;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code choices} in a streamed chat event.
 *
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ChatChunkChoice(@Nullable Integer index, @Nullable ChatChunkDelta delta,
		@JsonProperty("finish_reason") @Nullable String finishReason, @Nullable LogprobsBody logprobs) {

}
