package dev.customllm.internal.completion;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

import dev.customllm.internal.json.StrictText;

/**
 * One entry of {@code choices} in a text completion answer.
 *
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record TextChoice(@Nullable Integer index, @JsonDeserialize(using = StrictText.class) @Nullable String text,
		@JsonProperty("finish_reason") @Nullable String finishReason, @Nullable TextLogprobsBody logprobs) {

}
