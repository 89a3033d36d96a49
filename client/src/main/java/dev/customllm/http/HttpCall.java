package dev.customllm.http;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP request of the client, for an {@link HttpSender}. Immutable; the client builds
 * one for each attempt, and a sender that decorates another may change a copy of it with
 * {@link #mutate()}.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class HttpCall {

	private final String method;

	private final URI uri;

	private final Map<String, String> headers;

	private final byte @Nullable [] body;

	private final boolean stream;

	private HttpCall(Builder builder) {
		this.method = Objects.requireNonNull(builder.method, "method must not be null");
		this.uri = Objects.requireNonNull(builder.uri, "uri must not be null");
		this.headers = Map.copyOf(builder.headers);
		this.body = builder.body;
		this.stream = builder.stream;
	}

	/**
	 * Return a builder of a call.
	 * @return a new builder, for a {@code POST} without headers or body
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return a builder that starts from this call.
	 * @return a new builder with the values of this call
	 */
	public Builder mutate() {
		return new Builder().method(this.method)
			.uri(this.uri)
			.headers(this.headers)
			.body(this.body)
			.stream(this.stream);
	}

	/**
	 * Return the method.
	 * @return {@code GET} or {@code POST}
	 */
	public String method() {
		return this.method;
	}

	/**
	 * Return the absolute URI.
	 * @return the URI
	 */
	public URI uri() {
		return this.uri;
	}

	/**
	 * Return the headers to send: content type (absent for a {@code GET}), accept, user
	 * agent, the configured headers, the bearer token, and those of tracing. A sender
	 * adds its own, such as {@code Content-Length}, and may replace any: a filter that
	 * puts a token of its own in {@code Authorization}, for example.
	 * @return the headers, unmodifiable
	 */
	public Map<String, String> headers() {
		return this.headers;
	}

	/**
	 * Return the JSON body. The array is the client's: a sender reads it and never
	 * changes it.
	 * @return the body, or {@code null} for none
	 */
	public byte @Nullable [] body() {
		return this.body;
	}

	/**
	 * Return whether the answer is a stream of server-sent events, to be handed over as
	 * it arrives.
	 * @return whether the answer is a stream
	 */
	public boolean stream() {
		return this.stream;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof HttpCall that) && this.method.equals(that.method) && this.uri.equals(that.uri)
				&& this.headers.equals(that.headers) && Arrays.equals(this.body, that.body)
				&& this.stream == that.stream;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.method, this.uri, this.headers, Arrays.hashCode(this.body), this.stream);
	}

	@Override
	public String toString() {
		// never the header values: they hold the API key
		return "HttpCall[" + this.method + " " + this.uri + ", headers=" + this.headers.keySet() + ", stream="
				+ this.stream + "]";
	}

	/**
	 * Builds an {@link HttpCall}. Not thread-safe.
	 *
	 */
	public static final class Builder {

		private String method = "POST";

		private @Nullable URI uri;

		private Map<String, String> headers = Map.of();

		private byte @Nullable [] body;

		private boolean stream;

		private Builder() {
		}

		/**
		 * Set the method.
		 * @param method {@code GET} or {@code POST}
		 * @return this builder
		 */
		public Builder method(String method) {
			this.method = method;
			return this;
		}

		/**
		 * Set the absolute URI.
		 * @param uri the URI
		 * @return this builder
		 */
		public Builder uri(URI uri) {
			this.uri = uri;
			return this;
		}

		/**
		 * Set the headers, replacing any set before.
		 * @param headers the headers, copied
		 * @return this builder
		 */
		public Builder headers(Map<String, String> headers) {
			this.headers = headers;
			return this;
		}

		/**
		 * Set the JSON body.
		 * @param body the body, not copied, or {@code null} for none
		 * @return this builder
		 */
		public Builder body(byte @Nullable [] body) {
			this.body = body;
			return this;
		}

		/**
		 * Set whether the answer is a stream of server-sent events.
		 * @param stream whether the answer is a stream
		 * @return this builder
		 */
		public Builder stream(boolean stream) {
			this.stream = stream;
			return this;
		}

		/**
		 * Build the call.
		 * @return the call
		 */
		public HttpCall build() {
			return new HttpCall(this);
		}

	}

}
