package dev.customllm.completion;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One message of a conversation. Immutable; built with the factories for each role
 * ({@link #user(String)}, {@link #system(String)}, {@link #assistant(String)},
 * {@link #tool(String, String)}, ...) or with {@link #builder()}.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class Message {

	private final String role;

	private final String content;

	private final List<ToolCall> toolCalls;

	private final @Nullable String toolCallId;

	private final List<ContentPart> parts;

	private final @Nullable String reasoning;

	private Message(@Nullable String role, @Nullable String content, List<ToolCall> toolCalls,
			@Nullable String toolCallId, @Nullable List<ContentPart> parts, @Nullable String reasoning) {
		List<ContentPart> checkedParts = checkedParts(parts);
		if (!checkedParts.isEmpty()) {
			content = textOf(checkedParts);
			if (!"user".equals(role) && checkedParts.stream().anyMatch(ContentPart::isImage)) {
				throw new IllegalArgumentException("image parts belong in user messages, not in " + role + " messages");
			}
		}
		if (role == null || role.isBlank()) {
			throw new IllegalArgumentException("message role must not be blank");
		}
		if (content == null) {
			throw new IllegalArgumentException("message content must not be null (role " + role + ")");
		}
		List<ToolCall> calls = List.copyOf(toolCalls);
		if (!calls.isEmpty() && !"assistant".equals(role)) {
			throw new IllegalArgumentException("only assistant messages carry tool calls, not " + role + " messages");
		}
		if ("tool".equals(role) && (toolCallId == null || toolCallId.isBlank())) {
			throw new IllegalArgumentException("a tool message needs the id of the tool call it answers");
		}
		this.role = role;
		this.content = content;
		this.toolCalls = calls;
		this.toolCallId = toolCallId;
		if (reasoning != null && !"assistant".equals(role)) {
			throw new IllegalArgumentException("only assistant messages carry reasoning, not " + role + " messages");
		}
		this.parts = checkedParts;
		this.reasoning = reasoning;
	}

	/**
	 * Create a message of text with any role the service accepts.
	 * @param role author of the message: {@code system}, {@code user}, {@code assistant},
	 * or another role the service accepts ({@code tool} messages are made with
	 * {@link #tool(String, String)})
	 * @param content text of the message
	 * @return the message
	 */
	public static Message of(String role, String content) {
		return new Message(role, content, List.of(), null, List.of(), null);
	}

	/**
	 * Create a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Create a builder that starts from this message.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder().role(this.role)
			.content(this.content)
			.toolCalls(this.toolCalls)
			.toolCallId(this.toolCallId)
			.parts(this.parts)
			.reasoning(this.reasoning);
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
	 * Return the author of the message.
	 * @return {@code system}, {@code user}, {@code assistant}, {@code tool}, or another
	 * role the service accepts
	 */
	public String role() {
		return this.role;
	}

	/**
	 * Return the text of the message.
	 * @return the text; empty for an assistant message that only calls tools; for a
	 * message of parts, the text of its text parts joined by new lines
	 */
	public String content() {
		return this.content;
	}

	/**
	 * Return the tools an {@code assistant} message asked to call.
	 * @return the calls (unmodifiable), possibly empty
	 */
	public List<ToolCall> toolCalls() {
		return this.toolCalls;
	}

	/**
	 * Return the identifier of the tool call a {@code tool} message answers.
	 * @return the identifier, or {@code null} for other messages
	 */
	public @Nullable String toolCallId() {
		return this.toolCallId;
	}

	/**
	 * Return the parts of a {@code user} message made of text and images.
	 * @return the parts (unmodifiable), empty for a message of text only
	 */
	public List<ContentPart> parts() {
		return this.parts;
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
		return of("system", content);
	}

	/**
	 * Create a user message.
	 * @param content the user's text
	 * @return the message
	 */
	public static Message user(String content) {
		return of("user", content);
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
		return new Message("user", "", List.of(), null, parts, null);
	}

	/**
	 * Create an assistant message, for example an earlier answer in a conversation.
	 * @param content the assistant's text
	 * @return the message
	 */
	public static Message assistant(String content) {
		return of("assistant", content);
	}

	/**
	 * Create an assistant message that calls tools, as the model answered it.
	 * @param content the assistant's text, possibly empty
	 * @param toolCalls the calls the model asked for
	 * @return the message
	 */
	public static Message assistant(String content, List<ToolCall> toolCalls) {
		return new Message("assistant", content, toolCalls, null, List.of(), null);
	}

	/**
	 * Create a tool message: the result of a tool call, sent back to the model.
	 * @param toolCallId the identifier of the call, {@link ToolCall#id()}
	 * @param content the result
	 * @return the message
	 */
	public static Message tool(String toolCallId, String content) {
		return new Message("tool", content, List.of(), toolCallId, List.of(), null);
	}

	/**
	 * Return the reasoning an {@code assistant} message sends back to the service, as
	 * {@code reasoning_content}: only for services that ask for it (DeepSeek's thinking
	 * mode within a tool-call turn, for example); others reject it.
	 * @return the reasoning, or {@code null} (the default) to send none
	 */
	public @Nullable String reasoning() {
		return this.reasoning;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof Message that) && this.role.equals(that.role) && this.content.equals(that.content)
				&& this.toolCalls.equals(that.toolCalls) && Objects.equals(this.toolCallId, that.toolCallId)
				&& this.parts.equals(that.parts) && Objects.equals(this.reasoning, that.reasoning);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.role, this.content, this.toolCalls, this.toolCallId, this.parts, this.reasoning);
	}

	/**
	 * Describe the message without its text, which may be confidential: its length only.
	 */
	@Override
	public String toString() {
		return "Message[role=" + this.role + ", content=" + this.content.length() + " chars, toolCalls="
				+ this.toolCalls.stream().map(ToolCall::name).toList() + ", toolCallId=" + this.toolCallId + ", parts="
				+ this.parts + ", reasoning=" + ((this.reasoning != null) ? this.reasoning.length() + " chars" : "none")
				+ "]";
	}

	/**
	 * Builder for {@link Message}.
	 */
	public static final class Builder {

		private @Nullable String role;

		private String content = "";

		private List<ToolCall> toolCalls = List.of();

		private @Nullable String toolCallId;

		private List<ContentPart> parts = List.of();

		private @Nullable String reasoning;

		private Builder() {
		}

		/**
		 * Set the author of the message.
		 * @param role {@code system}, {@code user}, {@code assistant}, {@code tool}, or
		 * another role the service accepts
		 * @return this builder
		 */
		public Builder role(String role) {
			this.role = role;
			return this;
		}

		/**
		 * Set the text of the message; replaced by the text of the parts if there are
		 * parts.
		 * @param content the text, empty by default
		 * @return this builder
		 */
		public Builder content(String content) {
			this.content = content;
			return this;
		}

		/**
		 * Set the tools an {@code assistant} message asks to call, replacing any set
		 * before.
		 * @param toolCalls the calls (copied)
		 * @return this builder
		 */
		public Builder toolCalls(List<ToolCall> toolCalls) {
			this.toolCalls = toolCalls;
			return this;
		}

		/**
		 * Set the identifier of the tool call a {@code tool} message answers.
		 * @param toolCallId the identifier, or {@code null} for other messages
		 * @return this builder
		 */
		public Builder toolCallId(@Nullable String toolCallId) {
			this.toolCallId = toolCallId;
			return this;
		}

		/**
		 * Set the parts of a {@code user} message made of text and images, replacing any
		 * set before.
		 * @param parts the parts, in order (copied)
		 * @return this builder
		 */
		public Builder parts(List<ContentPart> parts) {
			this.parts = parts;
			return this;
		}

		/**
		 * Set the reasoning an {@code assistant} message sends back to the service, as
		 * {@code reasoning_content}. Leave it unset unless the service asks for it: some
		 * (DeepSeek) reject a conversation that carries reasoning outside a tool-call
		 * turn.
		 * @param reasoning the reasoning, or {@code null} to send none
		 * @return this builder
		 */
		public Builder reasoning(@Nullable String reasoning) {
			this.reasoning = reasoning;
			return this;
		}

		/**
		 * Build the message.
		 * @return the message
		 * @throws IllegalArgumentException if the role is blank, tool calls are given to
		 * another role than {@code assistant}, a {@code tool} message has no call id, or
		 * images are given to another role than {@code user}
		 */
		public Message build() {
			return new Message(this.role, this.content, this.toolCalls, this.toolCallId, this.parts, this.reasoning);
		}

	}

}
