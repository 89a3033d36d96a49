package dev.customllm.http;

/**
 * How much of each HTTP exchange the client logs, for debugging; off by default. Secret
 * headers are always masked; bodies hold prompts and answers, so log them only where that
 * is allowed.
 *
 * @author Custom LLM team
 * @see dev.customllm.CustomLlmClient.Builder#httpLogging(HttpLogLevel, int)
 * @since 0.1.0
 */
public enum HttpLogLevel {

	/**
	 * Nothing.
	 */
	NONE,

	/**
	 * Method, URL, status and latency of each attempt.
	 */
	BASIC,

	/**
	 * As {@link #BASIC}, with the request headers, secret ones masked.
	 */
	HEADERS,

	/**
	 * As {@link #HEADERS}, with the request body and the answer as read, truncated.
	 */
	BODY

}
