package dev.customllm.internal.completion;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

import dev.customllm.internal.json.StrictText;

/**
 * The {@code delta} of a streamed chat choice: what the event adds to the message.
 *
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ChatChunkDelta(@Nullable String role, @JsonDeserialize(using = StrictText.class) @Nullable String content,
		@JsonProperty("tool_calls") @Nullable List<ToolCallDelta> toolCalls,
		@JsonProperty("reasoning_content") @JsonDeserialize(using = StrictText.class) @Nullable String reasoningContent,
		@JsonDeserialize(using = StrictText.class) @Nullable String reasoning) {

	/**
	 * Return the reasoning the delta adds, in either spelling.
	 * @return the piece of reasoning, or {@code null}
	 */
	@Nullable String reasoningText() {
		return ChatChoiceMessage.reasoning(this.reasoningContent, this.reasoning);
	}

}
