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
 * <p>
 * A piece of a secret is a secret: besides each whole secret (and the same without its
 * dashes), any run of {@value #MIN_PIECE} or more of its characters is masked, and so is
 * any start of a secret (from {@value #MIN_EDGE} characters) that ends at an ellipsis,
 * where some text was cut. Texts are masked first, then cut ({@link #excerpt}).
 *
 * @author Custom LLM team
 */
public final class SecretRedactor {

	private static final String MASK = "******";

	/**
	 * The shortest run of a secret's characters masked wherever it appears.
	 */
	static final int MIN_PIECE = 8;

	/**
	 * The shortest start of a secret masked where it ends at a cut.
	 */
	static final int MIN_EDGE = 3;

	private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
			"api-key");

	private static final List<String> SECRET_HEADER_SUFFIXES = List.of("-key", "-token", "-secret");

	private final List<String> secrets;

	private final Set<String> configuredSecretHeaders;

	private final @Nullable CredentialsSource credentials;

	private final int longest;

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
		if (apiKey != null && !apiKey.isEmpty()) {
			add(secrets, apiKey);
		}
		headers.forEach((name, value) -> {
			if (isSecretHeader(name) && value.length() >= 4) {
				add(secrets, value);
			}
		});
		this.secrets = List.copyOf(secrets);
		this.longest = secrets.stream().mapToInt(String::length).max().orElse(0);
	}

	private static void add(List<String> secrets, String secret) {
		secrets.add(secret);
		String withoutDashes = secret.replace("-", "");
		if (!withoutDashes.equals(secret) && withoutDashes.length() >= MIN_PIECE) {
			secrets.add(withoutDashes);
		}
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
		for (String secret : this.secrets) {
			result = maskPieces(result, secret);
		}
		if (this.credentials != null) {
			for (Credentials given : this.credentials.recent()) {
				result = result.replace(given.value(), MASK);
				if (given.secret().length() >= 4) {
					result = result.replace(given.secret(), MASK);
					result = maskPieces(result, given.secret());
				}
			}
		}
		return result;
	}

	/**
	 * Return the start of a text, masked first and then cut, so that no piece of a secret
	 * that the cut would split shows.
	 * @param text the text
	 * @param maxLength the most characters kept before the cut
	 * @return the masked text, cut to {@code maxLength} characters followed by an
	 * ellipsis when it was longer
	 */
	public String excerpt(String text, int maxLength) {
		// what lies beyond the cut by the length of a secret decides what is masked
		// before it
		int longest = this.longest;
		if (this.credentials != null) {
			for (Credentials given : this.credentials.recent()) {
				longest = Math.max(longest, given.value().length());
			}
		}
		int window = (int) Math.min(text.length(), (long) maxLength + longest + 1);
		String masked = redact((window < text.length()) ? text.substring(0, window) : text);
		return (masked.length() > maxLength || window < text.length()) ? cut(masked, maxLength) + "…" : masked;
	}

	private static String cut(String masked, int maxLength) {
		return (masked.length() > maxLength) ? masked.substring(0, maxLength) : masked;
	}

	/**
	 * Mask every run of at least {@link #MIN_PIECE} characters of a secret, and every
	 * start of it that ends at an ellipsis.
	 */
	private static String maskPieces(String text, String secret) {
		// the first piece is looked for before anything is built: most texts have none.
		// (A nullable builder tested after the loop was miscompiled by OpenJDK 17.0.15's
		// C2, which read its fields before the test: a SIGSEGV in a test run.)
		int i = 0;
		while (i < text.length() && maskedAt(text, i, secret) == 0) {
			i++;
		}
		if (i >= text.length()) {
			return text;
		}
		StringBuilder result = new StringBuilder(text.length());
		int copied = 0;
		while (i < text.length()) {
			int masked = maskedAt(text, i, secret);
			if (masked > 0) {
				result.append(text, copied, i).append(MASK);
				i += masked;
				copied = i;
			}
			else {
				i++;
			}
		}
		return result.append(text, copied, text.length()).toString();
	}

	/**
	 * Return how many characters to mask at a position of the text: a run of at least
	 * {@link #MIN_PIECE} characters of the secret, or a start of it that ends at an
	 * ellipsis, or 0.
	 */
	private static int maskedAt(String text, int from, String secret) {
		int run = (secret.length() >= MIN_PIECE) ? longestRun(text, from, secret) : 0;
		return (run >= MIN_PIECE) ? run : edgeAt(text, from, secret);
	}

	/**
	 * Return the length of the longest run of the secret's characters that starts at a
	 * position of the text.
	 */
	private static int longestRun(String text, int from, String secret) {
		char first = text.charAt(from);
		int longest = 0;
		for (int j = secret.indexOf(first); j >= 0; j = secret.indexOf(first, j + 1)) {
			int k = 1;
			while (from + k < text.length() && j + k < secret.length()
					&& text.charAt(from + k) == secret.charAt(j + k)) {
				k++;
			}
			longest = Math.max(longest, k);
		}
		return longest;
	}

	/**
	 * Return the length of a start of the secret, of at least {@link #MIN_EDGE}
	 * characters, at a position of the text and ending at an ellipsis, or 0.
	 */
	private static int edgeAt(String text, int from, String secret) {
		if (text.charAt(from) != secret.charAt(0)) {
			return 0;
		}
		int k = 1;
		while (from + k < text.length() && k < secret.length() && text.charAt(from + k) == secret.charAt(k)) {
			k++;
		}
		return (k >= MIN_EDGE && k < secret.length() && isCutAt(text, from + k)) ? k : 0;
	}

	private static boolean isCutAt(String text, int at) {
		return at == text.length() || text.startsWith("…", at) || text.startsWith("...", at);
	}

}
