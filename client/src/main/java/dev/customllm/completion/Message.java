package dev.customllm.completion;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One message of a conversation.
 *
 * @param role author of the message: {@code system}, {@code user}, {@code assistant},
 * {@code tool}, or another role the service accepts
 * @param content text of the message; empty for an assistant message that only calls tools
 * @param toolCalls tools an {@code assistant} message asked to call, possibly empty
 * @param toolCallId for a {@code tool} message, the identifier of the call it answers;
 * otherwise {@code null}
 * @author Custom LLM team
 */
public record Message(String role, String content, List<ToolCall> toolCalls, @Nullable String toolCallId) {

	public Message {
		if (role == null || role.isBlank()) {
			throw new IllegalArgumentException("message role must not be blank");
		}
		if (content == null) {
			throw new IllegalArgumentException("message content must not be null (role " + role + ")");
		}
		toolCalls = List.copyOf(toolCalls);
		if (!toolCalls.isEmpty() && !"assistant".equals(role)) {
			throw new IllegalArgumentException("only assistant messages carry tool calls, not " + role + " messages");
		}
		if ("tool".equals(role) && (toolCallId == null || toolCallId.isBlank())) {
			throw new IllegalArgumentException("a tool message needs the id of the tool call it answers");
		}
	}

	/**
	 * Create a message with text only.
	 * @param role author of the message
	 * @param content text of the message
	 */
	public Message(String role, String content) {
		this(role, content, List.of(), null);
	}

	/**
	 * Create a system message.
	 * @param content the instructions
	 * @return the message
	 */
	public static Message system(String content) {
		return new Message("system", content);
	}

	/**
	 * Create a user message.
	 * @param content the user's text
	 * @return the message
	 */
	public static Message user(String content) {
		return new Message("user", content);
	}

	/**
	 * Create an assistant message, for example an earlier answer in a conversation.
	 * @param content the assistant's text
	 * @return the message
	 */
	public static Message assistant(String content) {
		return new Message("assistant", content);
	}

	/**
	 * Create an assistant message that calls tools, as the model answered it.
	 * @param content the assistant's text, possibly empty
	 * @param toolCalls the calls the model asked for
	 * @return the message
	 */
	public static Message assistant(String content, List<ToolCall> toolCalls) {
		return new Message("assistant", content, toolCalls, null);
	}

	/**
	 * Create a tool message: the result of a tool call, sent back to the model.
	 * @param toolCallId the identifier of the call, {@link ToolCall#id()}
	 * @param content the result
	 * @return the message
	 */
	public static Message tool(String toolCallId, String content) {
		return new Message("tool", content, List.of(), toolCallId);
	}

}
