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
 * @param role the role
 * @param content the text
 * @param toolCalls the tool calls
 * @param reasoningContent the reasoning as DeepSeek, llama.cpp and vLLM's reasoning
 * parsers name it
 * @param reasoning the reasoning as Ollama and newer vLLM versions name it
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ChatChoiceMessage(@Nullable String role, @JsonDeserialize(using = StrictText.class) @Nullable String content,
		@JsonProperty("tool_calls") @Nullable List<ToolCallBody> toolCalls,
		@JsonProperty("reasoning_content") @JsonDeserialize(using = StrictText.class) @Nullable String reasoningContent,
		@JsonDeserialize(using = StrictText.class) @Nullable String reasoning) {

	ChatChoiceMessage(@Nullable String role, @Nullable String content, @Nullable List<ToolCallBody> toolCalls) {
		this(role, content, toolCalls, null, null);
	}

	/**
	 * Return the reasoning in either spelling: {@code reasoning_content} when both are
	 * sent (the rule for messages and stream deltas alike).
	 * @param reasoningContent the {@code reasoning_content} member
	 * @param reasoning the {@code reasoning} member
	 * @return the reasoning, or {@code null}
	 */
	static @Nullable String reasoning(@Nullable String reasoningContent, @Nullable String reasoning) {
		return (reasoningContent != null) ? reasoningContent : reasoning;
	}

}
