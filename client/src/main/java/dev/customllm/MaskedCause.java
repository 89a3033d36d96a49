package dev.customllm;

import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * Stands in for the cause of an {@link LlmException} whose message would show a secret:
 * the same class name and stack trace, the message masked, and its own cause treated
 * alike. Causes without a secret are kept as they are.
 *
 * @author Custom LLM team
 */
final class MaskedCause extends RuntimeException {

	private final String type;

	private MaskedCause(Throwable original, String message, UnaryOperator<String> masking) {
		super(message, of(original.getCause(), masking), false, true);
		this.type = original.getClass().getName();
		setStackTrace(original.getStackTrace());
	}

	static @Nullable Throwable of(@Nullable Throwable cause, UnaryOperator<String> masking) {
		if (cause == null || cause instanceof LlmException) {
			return cause;
		}
		String message = cause.getMessage();
		String masked = (message != null) ? masking.apply(message) : null;
		boolean secretBelow = hasSecret(cause.getCause(), masking);
		if ((message == null || message.equals(masked)) && !secretBelow) {
			return cause;
		}
		return new MaskedCause(cause, (masked != null) ? masked : "", masking);
	}

	private static boolean hasSecret(@Nullable Throwable cause, UnaryOperator<String> masking) {
		for (Throwable current = cause; current != null
				&& current != current.getCause(); current = current.getCause()) {
			String message = current.getMessage();
			if (message != null && !masking.apply(message).equals(message)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return this.type + ": " + getMessage();
	}

}
