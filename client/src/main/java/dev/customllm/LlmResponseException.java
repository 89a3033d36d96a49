package dev.customllm;

import org.jspecify.annotations.Nullable;

/**
 * The service answered with a 2xx status but the answer cannot be used: malformed JSON, no
 * choices, an empty or wrong-length embedding, a count mismatch, or an oversized body.
 *
 * @author Custom LLM team
 */
public class LlmResponseException extends LlmException {

	private final String problem;

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
		super(operation, "unusable response: " + problem, cause);
		this.problem = problem;
	}

	/**
	 * Return what was wrong with the answer.
	 * @return the problem
	 */
	public String problem() {
		return this.problem;
	}

}
