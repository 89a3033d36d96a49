package dev.customllm.test;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A way for the simulated service to misbehave, for {@link LlmStub#fails(LlmFault)}.
 *
 * <pre class="code">
 * simulator.chat().once().fails(LlmFault.rateLimited(Duration.ofSeconds(1)));
 * simulator.embeddings().fails(LlmFault.connectionReset());
 * </pre>
 *
 * @since 0.1.0
 */
public final class LlmFault {

	private static final String TRUNCATED_JSON = "{\"id\":\"sim-broken\",\"choices\":[{\"index\":0,\"message\":{\"con";

	private final String description;

	private final Function<SimulatedEndpoint, ResponseDefinitionBuilder> response;

	private LlmFault(String description, Function<SimulatedEndpoint, ResponseDefinitionBuilder> response) {
		this.description = description;
		this.response = response;
	}

	/**
	 * Answer {@code 429 Too Many Requests} with a {@code Retry-After} header, as OpenAI
	 * and gateways do when a rate limit is reached.
	 * @param retryAfter the time the client is asked to wait, rounded up to whole seconds
	 * @return the fault
	 */
	public static LlmFault rateLimited(Duration retryAfter) {
		long seconds = Math.max(0, (retryAfter.toMillis() + 999) / 1000);
		return new LlmFault("429 with Retry-After " + seconds,
				(endpoint) -> error(429, "requests", "rate_limit_exceeded", "Rate limit reached, retry later")
					.withHeader("Retry-After", Long.toString(seconds)));
	}

	/**
	 * Answer {@code 429 Too Many Requests} without a {@code Retry-After} header.
	 * @return the fault
	 */
	public static LlmFault rateLimited() {
		return new LlmFault("429",
				(endpoint) -> error(429, "requests", "rate_limit_exceeded", "Rate limit reached, retry later"));
	}

	/**
	 * Answer {@code 503 Service Unavailable}, as a model server does while it loads a
	 * model or sheds load.
	 * @return the fault
	 */
	public static LlmFault unavailable() {
		return status(503, "The server is overloaded or not ready yet.");
	}

	/**
	 * Answer with a status and an OpenAI-style error body.
	 * @param status the HTTP status, 400 to 599
	 * @param message the error message in the body
	 * @return the fault
	 */
	public static LlmFault status(int status, String message) {
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("Status must be between 400 and 599, but was " + status);
		}
		String type = (status < 500) ? "invalid_request_error" : "server_error";
		return new LlmFault(Integer.toString(status), (endpoint) -> error(status, type, null, message));
	}

	/**
	 * Answer with any status and body, for example an HTML error page of a proxy.
	 * @param status the HTTP status
	 * @param contentType the content type of the body
	 * @param body the body
	 * @return the fault
	 */
	public static LlmFault body(int status, String contentType, String body) {
		return new LlmFault(status + " " + contentType,
				(endpoint) -> SimulatorEndpoint.answer(status, contentType, body));
	}

	/**
	 * Answer {@code 200 OK} with JSON that ends in the middle of the document.
	 * @return the fault
	 */
	public static LlmFault malformedBody() {
		return body(200, "application/json", TRUNCATED_JSON);
	}

	/**
	 * Reset the connection instead of answering.
	 * @return the fault
	 */
	public static LlmFault connectionReset() {
		return new LlmFault("connection reset",
				(endpoint) -> WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
	}

	/**
	 * Close the connection without sending any response.
	 * @return the fault
	 */
	public static LlmFault emptyResponse() {
		return new LlmFault("empty response", (endpoint) -> WireMock.aResponse().withFault(Fault.EMPTY_RESPONSE));
	}

	/**
	 * Start a stream, send these text fragments, then end it without the last event and
	 * without {@code data: [DONE]}, the way a stream cut by a proxy looks to a client.
	 * The answer is streamed even when the request did not ask for a stream.
	 * @param fragments the text sent before the cut
	 * @return the fault
	 */
	public static LlmFault cutStream(String... fragments) {
		return new LlmFault("stream cut after " + fragments.length + " fragments", (endpoint) -> {
			if (endpoint == SimulatedEndpoint.EMBEDDINGS || endpoint == SimulatedEndpoint.RERANK) {
				throw new IllegalArgumentException("Only completions are streamed");
			}
			return LlmStub.scripted(Script.text(endpoint, List.of(fragments), true));
		});
	}

	ResponseDefinitionBuilder response(SimulatedEndpoint endpoint) {
		return this.response.apply(endpoint);
	}

	@Override
	public String toString() {
		return this.description;
	}

	private static ResponseDefinitionBuilder error(int status, String type, @Nullable String code, String message) {
		ObjectNode body = SimulatorEndpoint.json.createObjectNode();
		ObjectNode error = body.putObject("error");
		error.put("message", message);
		error.put("type", type);
		error.putNull("param");
		error.put("code", code);
		return SimulatorEndpoint.answer(status, "application/json", SimulatorEndpoint.json.writeValueAsString(body));
	}

}
