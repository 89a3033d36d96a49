package dev.customllm.completion;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One message of a conversation.
 *
 * @param role author of the message: {@code system}, {@code user}, {@code assistant},
 * {@code tool}, or another role the service accepts
 * @param content text of the message; empty for an assistant message that only calls
 * tools; for a message of parts, the text of its text parts joined by new lines (any
 * other value given is replaced by it)
 * @param toolCalls tools an {@code assistant} message asked to call, possibly empty
 * @param toolCallId for a {@code tool} message, the identifier of the call it answers;
 * otherwise {@code null}
 * @param parts the parts of a {@code user} message made of text and images, possibly
 * empty for a message of text only
 * @author Custom LLM team
 */
public record Message(String role, String content, List<ToolCall> toolCalls, @Nullable String toolCallId,
		List<ContentPart> parts) {

	public Message {
		parts = checkedParts(parts);
		if (!parts.isEmpty()) {
			content = textOf(parts);
			if (!"user".equals(role) && parts.stream().anyMatch(ContentPart::isImage)) {
				throw new IllegalArgumentException("image parts belong in user messages, not in " + role + " messages");
			}
		}
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
	 * Create a message of text, possibly with tool calls or as the result of one.
	 * @param role author of the message
	 * @param content text of the message
	 * @param toolCalls tools an {@code assistant} message asked to call, possibly empty
	 * @param toolCallId for a {@code tool} message, the identifier of the call it answers
	 */
	public Message(String role, String content, List<ToolCall> toolCalls, @Nullable String toolCallId) {
		this(role, content, toolCalls, toolCallId, List.of());
	}

	/**
	 * Create a message with text only.
	 * @param role author of the message
	 * @param content text of the message
	 */
	public Message(String role, String content) {
		this(role, content, List.of(), null);
	}

	private static List<ContentPart> checkedParts(@Nullable List<ContentPart> parts) {
		if (parts == null) {
			throw new IllegalArgumentException("message parts must not be null");
		}
		for (ContentPart part : parts) {
			if (part == null) {
				throw new IllegalArgumentException("message parts must not hold null");
			}
		}
		return List.copyOf(parts);
	}

	private static String textOf(List<ContentPart> parts) {
		StringBuilder text = new StringBuilder();
		for (ContentPart part : parts) {
			if (!part.isImage()) {
				text.append(text.isEmpty() ? "" : "\n").append(part.text());
			}
		}
		return text.toString();
	}

	/**
	 * Return whether the message carries images.
	 * @return whether any of its parts is an image
	 */
	public boolean hasImages() {
		for (ContentPart part : this.parts) {
			if (part.isImage()) {
				return true;
			}
		}
		return false;
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
	 * Create a user message of several parts, such as a question and the images it is
	 * about. Text parts only are sent as one string.
	 * @param parts the parts, in order
	 * @return the message
	 * @throws IllegalArgumentException if there are no parts
	 */
	public static Message user(List<ContentPart> parts) {
		if (parts == null || parts.isEmpty()) {
			throw new IllegalArgumentException("parts must not be empty");
		}
		return new Message("user", "", List.of(), null, parts);
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
