package dev.customllm.internal.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.customllm.http.Credentials;

/**
 * Removes secrets (the API key, the values of secret headers and the credentials a
 * provider gave lately) from text that a service sent back, before it goes into an
 * exception message or a log line. Some gateways echo the credentials they refused.
 * <p>
 * Secret headers are {@code Authorization}, {@code Proxy-Authorization}, {@code Cookie},
 * names ending in {@code api-key}, {@code -key}, {@code -token} or {@code -secret}, and
 * those configured as secret. Other headers, such as a gateway's
 * {@code x-portkey-provider: openai}, are not secrets and stay readable.
 *
 * @author Custom LLM team
 */
public final class SecretRedactor {

	private static final String MASK = "******";

	private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
			"api-key");

	private static final List<String> SECRET_HEADER_SUFFIXES = List.of("-key", "-token", "-secret");

	private final List<String> secrets;

	private final Set<String> configuredSecretHeaders;

	private final @Nullable CredentialsSource credentials;

	/**
	 * Create a redactor for the secrets of the given settings.
	 * @param settings the connection settings: the API key, the headers and which of them
	 * are secret
	 */
	public SecretRedactor(HttpSettings settings) {
		this(settings.apiKey(), settings.headers(), settings.secretHeaders(), settings.credentials());
	}

	/**
	 * Create a redactor for the given secrets.
	 * @param apiKey the API key, if any
	 * @param headers the extra headers; values of secret headers are secrets too
	 * @param secretHeaders names of further headers whose values are secret
	 */
	public SecretRedactor(@Nullable String apiKey, Map<String, String> headers, Set<String> secretHeaders) {
		this(apiKey, headers, secretHeaders, null);
	}

	private SecretRedactor(@Nullable String apiKey, Map<String, String> headers, Set<String> secretHeaders,
			@Nullable CredentialsSource credentials) {
		this.credentials = credentials;
		Set<String> configured = new HashSet<>();
		secretHeaders.forEach((name) -> configured.add(name.toLowerCase(Locale.ROOT)));
		this.configuredSecretHeaders = Set.copyOf(configured);
		List<String> secrets = new ArrayList<>();
		if (apiKey != null) {
			secrets.add(apiKey);
		}
		headers.forEach((name, value) -> {
			if (isSecretHeader(name) && value.length() >= 4) {
				secrets.add(value);
			}
		});
		this.secrets = List.copyOf(secrets);
	}

	/**
	 * Return whether a header's value is a secret: by its name, or because it was
	 * configured as secret.
	 * @param headerName the header name
	 * @return whether it is a secret header
	 */
	public boolean isSecretHeader(String headerName) {
		return isSecret(headerName) || this.configuredSecretHeaders.contains(headerName.toLowerCase(Locale.ROOT))
				|| (this.credentials != null && this.credentials.isCredentialsHeader(headerName));
	}

	/**
	 * Return whether a header's value is a secret by its name alone.
	 * @param headerName the header name
	 * @return whether it is a secret header
	 */
	public static boolean isSecret(String headerName) {
		String name = headerName.toLowerCase(Locale.ROOT);
		return SECRET_HEADERS.contains(name) || name.endsWith("api-key")
				|| SECRET_HEADER_SUFFIXES.stream().anyMatch(name::endsWith);
	}

	/**
	 * Return whether there is no secret to mask.
	 * @return whether the client has no secrets
	 */
	public boolean isEmpty() {
		return this.secrets.isEmpty() && this.credentials == null;
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
		if (this.credentials != null) {
			for (Credentials given : this.credentials.recent()) {
				result = result.replace(given.value(), MASK);
				if (given.secret().length() >= 4) {
					result = result.replace(given.secret(), MASK);
				}
			}
		}
		return result;
	}

}
