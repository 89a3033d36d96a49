package dev.customllm.internal.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Joins a service's base URL and an endpoint path into one URI: exactly one slash between
 * them, and never a doubled version segment such as {@code /v1/v1}.
 *
 * @author Custom LLM team
 */
public final class Endpoints {

	private Endpoints() {
	}

	/**
	 * Check that a base URL is an absolute {@code http} or {@code https} URL.
	 * @param baseUrl the base URL
	 * @return the base URL without a trailing slash
	 * @throws IllegalArgumentException if the URL is not usable
	 */
	public static String checkBaseUrl(String baseUrl) {
		String trimmed = stripTrailingSlashes(baseUrl.trim());
		try {
			URI uri = new URI(trimmed);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
				throw new IllegalArgumentException(
						"baseUrl must be an absolute http or https URL such as http://localhost:8000/v1, but was '"
								+ baseUrl + "'");
			}
			return trimmed;
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("baseUrl is not a valid URL: '" + baseUrl + "'", ex);
		}
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
