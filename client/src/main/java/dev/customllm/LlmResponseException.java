package dev.customllm;

import org.jspecify.annotations.Nullable;

/**
 * The service answered with a 2xx status but the answer cannot be used: malformed JSON,
 * no choices, an empty or wrong-length embedding, a count mismatch, an oversized body, or
 * a structured answer that is not the JSON that was asked for.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public class LlmResponseException extends LlmException {

	/**
	 * Most characters of an answer's text kept by {@link #rawAnswer()}.
	 */
	public static final int MAX_RAW_ANSWER = 4096;

	private static final int MESSAGE_EXCERPT = 200;

	private final String problem;

	private final @Nullable String rawAnswer;

	/**
	 * Create a new instance.
	 * @param operation the operation that failed
	 * @param problem what was wrong with the answer
	 */
	public LlmResponseException(LlmOperation operation, String problem) {
		this(operation, problem, null);
	}

	/**
	 * Create a new instance.
	 * @param operation the operation that failed
	 * @param problem what was wrong with the answer
	 * @param cause the underlying failure, if any
	 */
	public LlmResponseException(LlmOperation operation, String problem, @Nullable Throwable cause) {
		this(operation, problem, null, cause);
	}

	/**
	 * Create an instance that keeps the text the model answered, such as JSON that does
	 * not match the schema asked for. The text is cut to {@value #MAX_RAW_ANSWER}
	 * characters, and the message shows its start.
	 * @param operation the operation that failed
	 * @param problem what was wrong with the answer
	 * @param rawAnswer the text of the answer, or {@code null}
	 * @param cause the underlying failure, if any
	 */
	public LlmResponseException(LlmOperation operation, String problem, @Nullable String rawAnswer,
			@Nullable Throwable cause) {
		super(operation, "unusable response: " + problem + excerpt(rawAnswer), cause);
		this.problem = problem;
		this.rawAnswer = (rawAnswer != null) ? bounded(rawAnswer, MAX_RAW_ANSWER) : null;
	}

	/**
	 * Return what was wrong with the answer, with the client's secrets masked as in the
	 * message.
	 * @return the problem
	 */
	public String problem() {
		return mask(this.problem);
	}

	/**
	 * Return the text the model answered, when the problem lies in that text (a
	 * structured answer that is not valid JSON or misses required fields), cut to
	 * {@value #MAX_RAW_ANSWER} characters, with the client's secrets masked.
	 * @return the text of the answer, or {@code null} when the problem is elsewhere
	 */
	public @Nullable String rawAnswer() {
		return (this.rawAnswer != null) ? mask(this.rawAnswer) : null;
	}

	private static String excerpt(@Nullable String rawAnswer) {
		return (rawAnswer != null) ? "; the answer was: " + bounded(rawAnswer, MESSAGE_EXCERPT) : "";
	}

	private static String bounded(String text, int limit) {
		return (text.length() <= limit) ? text
				: text.substring(0, limit) + "… (" + text.length() + " characters in all)";
	}

}
