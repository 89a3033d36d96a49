package dev.customllm.completion;

/**
 * One message of a conversation.
 *
 * @param role author of the message: {@code system}, {@code user}, {@code assistant}, or
 * another role the service accepts
 * @param content text of the message
 * @author Custom LLM team
 */
public record Message(String role, String content) {

	public Message {
		if (role == null || role.isBlank()) {
			throw new IllegalArgumentException("message role must not be blank");
		}
		if (content == null) {
			throw new IllegalArgumentException("message content must not be null (role " + role + ")");
		}
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

}
