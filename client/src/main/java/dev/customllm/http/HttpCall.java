package dev.customllm.http;

import java.net.URI;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP request of the client, for an {@link HttpSender}.
 *
 * @param method the method, {@code GET} or {@code POST}
 * @param uri the absolute URI
 * @param headers the headers to send: content type (absent for a {@code GET}), accept,
 * user agent, the configured headers, the bearer token, and those of tracing. A sender
 * adds its own, such as {@code Content-Length}, and may replace any: a filter that puts a
 * token of its own in {@code Authorization}, for example
 * @param body the JSON body, or {@code null} for none
 * @param stream whether the answer is a stream of server-sent events, to be handed over
 * as it arrives
 * @author Custom LLM team
 */
public record HttpCall(String method, URI uri, Map<String, String> headers, byte @Nullable [] body, boolean stream) {

	public HttpCall {
		headers = Map.copyOf(headers);
	}

	@Override
	public String toString() {
		// never the header values: they hold the API key
		return "HttpCall[" + this.method + " " + this.uri + ", headers=" + this.headers.keySet() + ", stream="
				+ this.stream + "]";
	}

}
