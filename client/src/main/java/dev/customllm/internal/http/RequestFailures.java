package dev.customllm.internal.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.netty.handler.codec.DecoderException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.core.JacksonException;

import dev.customllm.LlmException;
import dev.customllm.LlmOperation;
import dev.customllm.LlmRequestException;
import dev.customllm.LlmRequestException.Kind;
import dev.customllm.LlmResponseException;

import org.springframework.core.io.buffer.DataBufferLimitException;

/**
 * Maps a failure below the HTTP status level (connection, timeout, TLS, body size, JSON)
 * to the error model. Messages name the endpoint without its query string and never
 * contain credentials.
 *
 * @author Custom LLM team
 */
final class RequestFailures {

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
		if (failure instanceof ResponseMemory.BudgetExceededException budget) {
			return new LlmRequestException(operation, Kind.CLIENT_LIMIT,
					Objects.requireNonNull(budget.getMessage(), "a budget failure has a message"), null);
		}
		if (failure instanceof FatalReadException fatal) {
			return new LlmResponseException(operation,
					fatal.getMessage() + "; the connection is closed, not returned to the pool", fatal.getCause());
		}
		Throwable cause = rootCause(failure);
		if (cause instanceof DataBufferLimitException || failure instanceof DataBufferLimitException) {
			return new LlmResponseException(operation,
					"answer is larger than max-response-size (" + this.maxResponseSize + " bytes)", failure);
		}
		if (cause instanceof JacksonException json) {
			return new LlmResponseException(operation, "unreadable JSON answer: " + json.getOriginalMessage(), failure);
		}
		Kind kind = kind(failure, cause);
		return new LlmRequestException(operation, kind, describe(kind, cause) + " calling " + endpoint(uri), failure);
	}

	private static Kind kind(Throwable failure, Throwable cause) {
		if (has(failure, UnknownHostException.class)) {
			return Kind.UNKNOWN_HOST;
		}
		if (cause instanceof ConnectTimeoutException) {
			return Kind.CONNECT_TIMEOUT;
		}
		if (cause instanceof ConnectException) {
			return Kind.CONNECTION_REFUSED;
		}
		if (cause instanceof ReadTimeoutException || cause instanceof TimeoutException) {
			return Kind.RESPONSE_TIMEOUT;
		}
		if (cause instanceof PrematureCloseException || cause instanceof ClosedChannelException || isReset(cause)) {
			return Kind.CONNECTION_CLOSED;
		}
		if (cause instanceof SSLException) {
			return Kind.TLS;
		}
		// Netty's HTTP codec could not decode the answer (a DecoderException, or the
		// IllegalArgumentException of a bad status line): it will fail the same way again
		return (has(failure, DecoderException.class) || cause instanceof IllegalArgumentException) ? Kind.PROTOCOL
				: Kind.IO;
	}

	private static boolean has(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

	private static boolean isReset(Throwable cause) {
		String message = cause.getMessage();
		return cause instanceof IOException && message != null
				&& (message.contains("reset") || message.contains("Broken pipe"));
	}

	private static String describe(Kind kind, Throwable cause) {
		return switch (kind) {
			case CONNECT_TIMEOUT -> "connect timeout";
			case CONNECTION_REFUSED -> "connection refused";
			case RESPONSE_TIMEOUT -> "response timeout";
			case CONNECTION_CLOSED -> "connection closed by the server before a complete answer";
			case TLS -> "TLS failure (" + cause.getMessage() + ")";
			case PROTOCOL -> "answer is not valid HTTP/1.1 (" + cause.getMessage() + ")";
			case UNKNOWN_HOST -> "unknown host";
			default -> (cause.getMessage() != null) ? "I/O failure (" + cause.getMessage() + ")"
					: cause.getClass().getSimpleName();
		};
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
