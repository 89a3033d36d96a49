package dev.customllm.test;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * A request the {@link LlmSimulator} received, for verification.
 *
 * @since 0.1.0
 */
public final class LlmRequest {

	private final LoggedRequest request;

	LlmRequest(LoggedRequest request) {
		this.request = request;
	}

	/**
	 * Return the HTTP method.
	 * @return the method, for example {@code POST}
	 */
	public String method() {
		return this.request.getMethod().getName();
	}

	/**
	 * Return the path, without the query.
	 * @return the path, for example {@code /v1/chat/completions}
	 */
	public String path() {
		return this.request.getUrl().replaceFirst("\\?.*", "");
	}

	/**
	 * Return the value of a header.
	 * @param name the header name, in any case
	 * @return the first value, or {@code null} when the header is absent
	 */
	public @Nullable String header(String name) {
		HttpHeader header = this.request.getHeaders().getHeader(name);
		return header.isPresent() ? header.firstValue() : null;
	}

	/**
	 * Return the body as text.
	 * @return the body, empty when there was none
	 */
	public String body() {
		return this.request.getBodyAsString();
	}

	/**
	 * Return the body as JSON.
	 * @return the parsed body, or a missing node when it is not JSON
	 */
	public JsonNode json() {
		try {
			return SimulatorEndpoint.json.readTree(body());
		}
		catch (JacksonException ex) {
			return MissingNode.getInstance();
		}
	}

	/**
	 * Return the model the request asked for.
	 * @return the model, or {@code null}
	 */
	public @Nullable String model() {
		JsonNode model = json().path("model");
		return model.isString() ? model.stringValue() : null;
	}

	/**
	 * Return whether the request asked for a stream.
	 * @return whether {@code stream} is {@code true}
	 */
	public boolean streamed() {
		return json().path("stream").asBoolean(false);
	}

	/**
	 * Return the prompt: the last user message of a chat or Responses API request (the
	 * text of its text parts when it has images), or the prompt of a text completion
	 * request.
	 * @return the prompt, empty when there is none
	 */
	public String prompt() {
		JsonNode body = json();
		if (body.has("prompt")) {
			JsonNode prompt = body.path("prompt");
			return (prompt.isArray() ? prompt.path(0) : prompt).asString("");
		}
		if (body.path("input").isString() && !body.has("messages")) {
			return body.path("input").stringValue();
		}
		String prompt = "";
		for (JsonNode message : messages(body)) {
			prompt = "user".equals(message.path("role").asString("")) ? text(message.path("content")) : prompt;
		}
		return prompt;
	}

	private static Iterable<JsonNode> messages(JsonNode body) {
		return (body.has("messages") ? body.path("messages") : body.path("input")).values();
	}

	private static String text(JsonNode content) {
		if (!content.isArray()) {
			return content.asString("");
		}
		List<String> texts = new ArrayList<>();
		content.values().forEach((part) -> {
			if (part.path("text").isString()) {
				texts.add(part.path("text").stringValue());
			}
		});
		return String.join(" ", texts);
	}

	/**
	 * Return the texts of an embeddings request.
	 * @return the inputs, empty when there are none
	 */
	public List<String> inputs() {
		JsonNode input = json().path("input");
		if (input.isString()) {
			return List.of(input.stringValue());
		}
		return input.values().stream().map((text) -> text.asString("")).toList();
	}

	/**
	 * Return the URLs of the images of a chat or Responses API request, {@code data:}
	 * URLs included.
	 * @return the URLs, in the order of the messages and their parts
	 */
	public List<String> imageUrls() {
		List<String> urls = new ArrayList<>();
		for (JsonNode message : messages(json())) {
			for (JsonNode part : message.path("content").values()) {
				JsonNode url = part.path("image_url").isString() ? part.path("image_url")
						: part.path("image_url").path("url");
				if (url.isString()) {
					urls.add(url.stringValue());
				}
			}
		}
		return urls;
	}

	/**
	 * Return the documents of a rerank request.
	 * @return the documents, empty when there are none
	 */
	public List<String> documents() {
		return json().path("documents").values().stream().map((text) -> text.asString("")).toList();
	}

	@Override
	public String toString() {
		return method() + " " + path() + " " + body();
	}

}
