package dev.customllm.http;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The credentials of one request: the name and value of the header that carries them,
 * such as {@code Authorization: Bearer <token>} or {@code api-key: <key>}. The value is a
 * secret: it never appears in {@link #toString()}, and the client masks it in every log
 * line and error message, as it does the API key.
 *
 * @author Custom LLM team
 * @see CredentialsProvider
 * @since 0.1.0
 */
public final class Credentials {

	private static final String BEARER = "Bearer ";

	private final String headerName;

	private final String value;

	private Credentials(String headerName, String value) {
		this.headerName = headerName;
		this.value = value;
	}

	/**
	 * Return credentials sent as {@code Authorization: Bearer <token>}.
	 * @param token the bearer token, an API key or an access token
	 * @return the credentials
	 * @throws IllegalArgumentException if the token is null or blank
	 */
	public static Credentials bearer(String token) {
		return new Credentials("Authorization", BEARER + require("token", token).strip());
	}

	/**
	 * Return credentials sent as a header of their own, such as Azure's {@code api-key}.
	 * @param name the header name
	 * @param value the header value
	 * @return the credentials
	 * @throws IllegalArgumentException if the name or the value is null or blank
	 */
	public static Credentials header(String name, String value) {
		return new Credentials(require("header name", name).strip(), require("value", value).strip());
	}

	private static String require(String what, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("the credentials' " + what + " must not be blank");
		}
		return value;
	}

	/**
	 * Return the name of the header that carries the credentials.
	 * @return the header name, such as {@code Authorization}
	 */
	public String headerName() {
		return this.headerName;
	}

	/**
	 * Return the value of the header, a secret.
	 * @return the header value, such as {@code Bearer <token>}
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Return the secret inside the value: the token of a bearer value, else the whole
	 * value.
	 * @return the secret
	 */
	public String secret() {
		return (this.value.regionMatches(true, 0, BEARER, 0, BEARER.length()))
				? this.value.substring(BEARER.length()).strip() : this.value;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof Credentials that) && this.headerName.equalsIgnoreCase(that.headerName)
				&& this.value.equals(that.value);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.headerName.toLowerCase(java.util.Locale.ROOT), this.value);
	}

	@Override
	public String toString() {
		return "Credentials[" + this.headerName + ": ******]";
	}

}
