package dev.customllm.internal.completion;

import dev.customllm.completion.Message;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code messages} in a chat request. {@code content} is a string, or an
 * array of content parts for a message with images; it is written as {@code null} for an
 * assistant message that only calls tools, as OpenAI expects.
 *
 * @author Custom LLM team
 */
record MessageBody(String role, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Object content,
		@JsonProperty("tool_calls") @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable List<ToolCallBody> toolCalls,
		@JsonProperty("tool_call_id") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String toolCallId,
		@JsonProperty("reasoning_content") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String reasoningContent) {

	static MessageBody of(Message message) {
		boolean callsOnly = message.content().isEmpty() && !message.toolCalls().isEmpty();
		List<ToolCallBody> calls = message.toolCalls().isEmpty() ? List.of()
				: message.toolCalls().stream().map(ToolCallBody::of).toList();
		return new MessageBody(message.role(), callsOnly ? null : content(message), calls, message.toolCallId(),
				message.reasoning());
	}

	private static Object content(Message message) {
		return message.hasImages() ? message.parts().stream().map(ContentPartBody::of).toList() : message.content();
	}

}
