package dev.customllm;

import org.jspecify.annotations.Nullable;

/**
 * No usable HTTP response was received: the connection was refused or reset, a timeout
 * elapsed, TLS failed, or a client-side limit refused the call.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public class LlmRequestException extends LlmException {

	private final Kind kind;

	/**
	 * Create a new instance.
	 * @param operation the operation that failed
	 * @param kind what kind of failure it was
	 * @param message what went wrong
	 * @param cause the underlying failure, if any
	 */
	public LlmRequestException(LlmOperation operation, Kind kind, String message, @Nullable Throwable cause) {
		super(operation, message, cause);
		this.kind = kind;
	}

	/**
	 * Return what kind of failure it was.
	 * @return the kind
	 */
	public Kind kind() {
		return this.kind;
	}

	/**
	 * Kinds of request failure.
	 */
	public enum Kind {

		/**
		 * The connection was refused.
		 */
		CONNECTION_REFUSED,

		/**
		 * No connection within the connect timeout.
		 */
		CONNECT_TIMEOUT,

		/**
		 * No answer, or no further bytes of it, within the response timeout.
		 */
		RESPONSE_TIMEOUT,

		/**
		 * The connection was closed or reset before a complete answer.
		 */
		CONNECTION_CLOSED,

		/**
		 * The TLS handshake failed.
		 */
		TLS,

		/**
		 * The answer was not valid HTTP/1.1 (a malformed status line, an oversized
		 * header, HTTP/0.9): a service or proxy that will answer the same way again. Not
		 * retried.
		 */
		PROTOCOL,

		/**
		 * The host name of the base URL does not resolve. Not retried.
		 */
		UNKNOWN_HOST,

		/**
		 * Another I/O failure.
		 */
		IO,

		/**
		 * The whole call, retries and waits included, exceeded its deadline.
		 */
		DEADLINE,

		/**
		 * A client-side limit (concurrency, request rate, retry budget) refused the call.
		 */
		CLIENT_LIMIT,

		/**
		 * The client's credentials provider failed or gave no credentials. Not retried.
		 */
		CREDENTIALS

	}

}
