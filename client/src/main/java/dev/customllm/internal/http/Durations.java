package dev.customllm.internal.http;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Checks the durations a client is configured with, so that a bad one fails when the
 * client is built, naming the setting, rather than as an overflow or a hang on the first
 * call.
 *
 * @author Custom LLM team
 */
public final class Durations {

	/**
	 * The longest duration any timeout or wait of the client may have.
	 */
	public static final Duration MAX = Duration.ofDays(1);

	private Durations() {
	}

	/**
	 * Check that a duration is positive and at most {@link #MAX}.
	 * @param name the name of the setting, for the message
	 * @param duration the duration
	 * @return the duration
	 * @throws IllegalArgumentException if it is {@code null}, not positive or too long
	 */
	public static Duration check(String name, @Nullable Duration duration) {
		if (duration == null) {
			throw new IllegalArgumentException(name + " must not be null");
		}
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, but was " + duration);
		}
		if (duration.compareTo(MAX) > 0) {
			throw new IllegalArgumentException(name + " must be at most " + MAX + " (1 day), but was " + duration);
		}
		return duration;
	}

}
