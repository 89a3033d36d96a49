package dev.customllm.http;

import java.net.ConnectException;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.core.JacksonException;

import dev.customllm.LlmException;
import dev.customllm.LlmOperation;
import dev.customllm.LlmRequestException;
import dev.customllm.LlmResponseException;

import org.springframework.core.io.buffer.DataBufferLimitException;

/**
 * Maps a failure below the HTTP status level (connection, timeout, TLS, body size, JSON) to
 * the error model. Messages name the endpoint without its query string and never contain
 * credentials.
 *
 * @author Custom LLM team
 */
public final class RequestFailures {

	private final int maxResponseSize;

	/**
	 * Create a new instance.
	 * @param maxResponseSize the configured maximum response size, for messages
	 */
	public RequestFailures(int maxResponseSize) {
		this.maxResponseSize = maxResponseSize;
	}

	/**
	 * Map a failure to an {@link LlmException}; one already mapped is returned as it is.
	 * @param operation the operation that failed
	 * @param uri the endpoint called
	 * @param failure the failure
	 * @return the exception for the caller
	 */
	public LlmException map(LlmOperation operation, URI uri, Throwable failure) {
		if (failure instanceof LlmException llmException) {
			return llmException;
		}
		Throwable cause = rootCause(failure);
		if (cause instanceof DataBufferLimitException || failure instanceof DataBufferLimitException) {
			return new LlmResponseException(operation,
					"answer is larger than max-response-size (" + this.maxResponseSize + " bytes)", failure);
		}
		if (cause instanceof JacksonException json) {
			return new LlmResponseException(operation, "unreadable JSON answer: " + json.getOriginalMessage(), failure);
		}
		return new LlmRequestException(operation, describe(cause) + " calling " + endpoint(uri), failure);
	}

	private static String describe(Throwable cause) {
		if (cause instanceof ConnectTimeoutException) {
			return "connect timeout";
		}
		if (cause instanceof ConnectException) {
			return "connection refused";
		}
		if (cause instanceof ReadTimeoutException || cause instanceof TimeoutException) {
			return "response timeout";
		}
		if (cause instanceof PrematureCloseException || cause instanceof ClosedChannelException) {
			return "connection closed by the server before a complete answer";
		}
		if (cause instanceof SSLException) {
			return "TLS failure (" + cause.getMessage() + ")";
		}
		String message = cause.getMessage();
		return (message != null) ? "I/O failure (" + message + ")" : cause.getClass().getSimpleName();
	}

	private static String endpoint(URI uri) {
		return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "")
				+ uri.getRawPath();
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof JacksonException)) {
			cause = cause.getCause();
		}
		return cause;
	}

}
