package dev.customllm.agent;

/**
 * Arguments of a tool call that cannot be read as the tool's parameter types.
 *
 * @author Custom LLM team
 */
class InvalidArgumentsException extends RuntimeException {

	InvalidArgumentsException(String message, Throwable cause) {
		super(message, cause);
	}

}
