package dev.customllm.internal.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Joins a service's base URL and an endpoint path into one URI: exactly one slash between
 * them, and never a doubled version segment such as {@code /v1/v1}.
 *
 * @author Custom LLM team
 */
public final class Endpoints {

	private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:[/\\\\]*");

	/**
	 * Query parameters whose values are secrets by their name.
	 */
	private static final Pattern SECRET_PARAMETER = Pattern
		.compile("(?i)([?&;#][^=&;#]*(?:key|token|secret|passw|pwd|auth|sig|credential|session|code)[^=&;#]*=)[^&;#]*");

	private Endpoints() {
	}

	/**
	 * Check that a base URL is an absolute {@code http} or {@code https} URL without
	 * credentials in it.
	 * @param baseUrl the base URL
	 * @return the base URL without a trailing slash
	 * @throws IllegalArgumentException if the URL is not usable; its message never shows
	 * credentials written into the URL
	 */
	public static String checkBaseUrl(@Nullable String baseUrl) {
		if (baseUrl == null) {
			throw new IllegalArgumentException("baseUrl must not be null");
		}
		String trimmed = stripTrailingSlashes(baseUrl.trim());
		URI uri;
		try {
			uri = new URI(trimmed);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("baseUrl is not a valid URL: '" + printable(baseUrl) + "'");
		}
		if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
			throw new IllegalArgumentException("baseUrl must not contain credentials (user:password@), but was '"
					+ printable(baseUrl) + "': set the API key, or a header, instead");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
			throw new IllegalArgumentException(
					"baseUrl must be an absolute http or https URL such as http://localhost:8000/v1, but was '"
							+ printable(baseUrl) + "'");
		}
		return trimmed;
	}

	/**
	 * Return a URL as it may be printed in a message or a log line: whatever precedes its
	 * last {@code @} (user info, with any password, however it is spelled) and the values
	 * of query parameters whose names tell a secret ({@code api_key}, {@code token},
	 * {@code sig}, ...) masked.
	 * @param url the URL as written
	 * @return the printable URL
	 */
	public static String printable(String url) {
		String result = url;
		int at = result.lastIndexOf('@');
		if (at >= 0) {
			Matcher scheme = SCHEME.matcher(result);
			int start = scheme.lookingAt() ? scheme.end() : 0;
			result = result.substring(0, start) + "******" + result.substring(at);
		}
		if (result.indexOf('?') >= 0 || result.indexOf('#') >= 0 || result.indexOf(';') >= 0) {
			result = SECRET_PARAMETER.matcher(result).replaceAll("$1******");
		}
		return result;
	}

	/**
	 * Return a URI as it may be printed ({@link #printable(String)}).
	 * @param uri the URI
	 * @return the printable URI
	 */
	public static String printable(URI uri) {
		return printable(uri.toString());
	}

	/**
	 * Resolve an endpoint path against a base URL.
	 * @param baseUrl the base URL, as returned by {@link #checkBaseUrl(String)}
	 * @param path the endpoint path, for example {@code /chat/completions}
	 * @return the endpoint URI
	 */
	public static URI resolve(String baseUrl, String path) {
		String base = stripTrailingSlashes(baseUrl);
		String relative = path.startsWith("/") ? path : "/" + path;
		String lastSegment = base.substring(base.lastIndexOf('/'));
		if (lastSegment.length() > 1 && relative.startsWith(lastSegment + "/")) {
			relative = relative.substring(lastSegment.length());
		}
		return URI.create(base + relative);
	}

	private static String stripTrailingSlashes(String url) {
		int end = url.length();
		while (end > 0 && url.charAt(end - 1) == '/') {
			end--;
		}
		return url.substring(0, end);
	}

}
