package dev.customllm.internal.completion;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

import dev.customllm.internal.json.StrictText;

/**
 * The {@code message} of a chat choice.
 *
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ChatChoiceMessage(@Nullable String role, @JsonDeserialize(using = StrictText.class) @Nullable String content,
		@JsonProperty("tool_calls") @Nullable List<ToolCallBody> toolCalls) {

}
