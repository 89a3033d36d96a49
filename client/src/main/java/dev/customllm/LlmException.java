package dev.customllm;

import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * Base of every failure of a call to an LLM service. Messages never contain the API key.
 *
 * @author Custom LLM team
 * @see LlmRequestException
 * @see LlmApiException
 * @see LlmResponseException
 * @since 0.1.0
 */
public abstract class LlmException extends RuntimeException implements Cloneable {

	private final LlmOperation operation;

	private int attempts = 1;

	private UnaryOperator<String> masking = UnaryOperator.identity();

	private @Nullable String note;

	protected LlmException(LlmOperation operation, String message, @Nullable Throwable cause) {
		super(operation + " failed: " + message, cause);
		this.operation = operation;
	}

	/**
	 * Return the operation that failed.
	 * @return the operation
	 */
	public LlmOperation operation() {
		return this.operation;
	}

	/**
	 * Return how many HTTP attempts were made before the call gave up.
	 * @return the number of attempts, at least 1
	 */
	public int attempts() {
		return this.attempts;
	}

	/**
	 * Return a copy of this exception that tells how many attempts were made, as the
	 * retry layer reports it when it gives up. This exception is left unchanged; the copy
	 * keeps its type, cause and stack trace.
	 * @param attempts the number of attempts, at least 1
	 * @return the copy, or this exception when it already tells that number
	 */
	public LlmException withAttempts(int attempts) {
		if (attempts < 1) {
			throw new IllegalArgumentException("attempts must be at least 1, but was " + attempts);
		}
		if (attempts == this.attempts) {
			return this;
		}
		LlmException copy = copy();
		copy.attempts = attempts;
		return copy;
	}

	/**
	 * Return a copy of this exception whose message ends with a note, such as the
	 * deployments a router tried before it gave up. This exception is left unchanged; the
	 * copy keeps its type, cause and stack trace.
	 * @param note what to add to the message; it must not contain a secret
	 * @return the copy
	 */
	public LlmException withNote(String note) {
		LlmException copy = copy();
		copy.note = (this.note != null) ? this.note + "; " + note : note;
		return copy;
	}

	/**
	 * Return a copy of this exception whose message, and the message of any cause that
	 * would show a secret, pass through a masking function. The client applies it, with
	 * its API key and secret headers, to every failure before it is logged or reaches the
	 * caller, so that no credential a service echoed back appears anywhere. This
	 * exception is left unchanged.
	 * @param masking replaces secrets in a text
	 * @return the copy
	 */
	public LlmException masked(UnaryOperator<String> masking) {
		LlmException copy = copy();
		UnaryOperator<String> previous = this.masking;
		copy.masking = (text) -> masking.apply(previous.apply(text));
		return copy;
	}

	private LlmException copy() {
		try {
			return (LlmException) clone();
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return a text with the secrets this exception was {@link #masked masked} with
	 * replaced, for subclasses whose accessors return text a service sent.
	 * @param text the text
	 * @return the masked text
	 */
	protected final String mask(String text) {
		return this.masking.apply(text);
	}

	@Override
	public @Nullable String getMessage() {
		String message = super.getMessage();
		message = (this.attempts > 1) ? message + " (after " + this.attempts + " attempts)" : message;
		message = (this.note != null) ? message + "; " + this.note : message;
		return (message != null) ? this.masking.apply(message) : null;
	}

	/**
	 * Return the cause; one whose message would show a secret is replaced by a masked
	 * stand-in of the same name, message (masked) and stack trace.
	 */
	@Override
	public synchronized @Nullable Throwable getCause() {
		return MaskedCause.of(super.getCause(), this.masking);
	}

}
