package dev.customllm.internal.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Reads the delay a service asks for before the next attempt: {@code retry-after-ms},
 * then {@code Retry-After} in seconds, then {@code Retry-After} as an HTTP-date.
 *
 * @author Custom LLM team
 */
final class RetryAfter {

	private RetryAfter() {
	}

	/**
	 * Return the delay the headers ask for.
	 * @param headers the value of a response header by its case-insensitive name, or
	 * {@code null}
	 * @param clock the clock to compare an HTTP-date with
	 * @return the delay, or {@code null} when the headers ask for none or it cannot be
	 * read
	 */
	public static @Nullable Duration parse(Function<String, @Nullable String> headers, Clock clock) {
		Duration millis = parseNumber(headers.apply("retry-after-ms"), 1);
		if (millis != null) {
			return millis;
		}
		String value = headers.apply("retry-after");
		if (value == null) {
			return null;
		}
		Duration seconds = parseNumber(value, 1000);
		return (seconds != null) ? seconds : parseDate(value.trim(), clock);
	}

	private static @Nullable Duration parseNumber(@Nullable String value, int millisPerUnit) {
		if (value == null) {
			return null;
		}
		try {
			double number = Double.parseDouble(value.trim());
			return (number >= 0 && Double.isFinite(number)) ? Duration.ofMillis((long) (number * millisPerUnit)) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static @Nullable Duration parseDate(String value, Clock clock) {
		try {
			ZonedDateTime date = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
			Duration delay = Duration.between(clock.instant(), date.toInstant());
			return delay.isNegative() ? Duration.ZERO : delay;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
