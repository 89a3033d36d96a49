package dev.customllm.internal.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Removes secrets (the API key and the values of credential-like headers) from text that a
 * service sent back, before it goes into an exception message or a log line. Some gateways
 * echo the credentials they refused.
 *
 * @author Custom LLM team
 */
public final class SecretRedactor {

	private static final String MASK = "******";

	private static final List<String> SENSITIVE_HEADER_WORDS = List.of("key", "token", "auth", "secret",
			"password", "cookie");

	private final List<String> secrets;

	/**
	 * Create a redactor for the secrets of the given settings.
	 * @param apiKey the API key, if any
	 * @param headers the extra headers; values of credential-like headers are secrets too
	 */
	public SecretRedactor(@Nullable String apiKey, Map<String, String> headers) {
		List<String> secrets = new ArrayList<>();
		if (apiKey != null) {
			secrets.add(apiKey);
		}
		headers.forEach((name, value) -> {
			if (isSensitive(name) && value.length() >= 4) {
				secrets.add(value);
			}
		});
		this.secrets = List.copyOf(secrets);
	}

	private static boolean isSensitive(String headerName) {
		String name = headerName.toLowerCase(Locale.ROOT);
		return SENSITIVE_HEADER_WORDS.stream().anyMatch(name::contains);
	}

	/**
	 * Return the text with every secret replaced by a mask.
	 * @param text the text
	 * @return the redacted text
	 */
	public String redact(String text) {
		String result = text;
		for (String secret : this.secrets) {
			result = result.replace(secret, MASK);
		}
		return result;
	}

}
