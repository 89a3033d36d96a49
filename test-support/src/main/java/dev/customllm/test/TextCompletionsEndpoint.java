package dev.customllm.test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Simulates the legacy {@code POST /v1/completions}, streamed or not.
 */
final class TextCompletionsEndpoint extends SimulatorEndpoint {

	static final String NAME = "custom-llm-simulator-text";

	private final AtomicLong ids;

	TextCompletionsEndpoint(AtomicLong ids) {
		this.ids = ids;
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	ResponseDefinition respond(ObjectNode request) {
		checkTemperature(request);
		String prompt = prompt(request.path("prompt"));
		SimulatedAnswer answer = SimulatedText.answer("", prompt, maxTokens(request));
		String id = "cmpl-sim-" + this.ids.incrementAndGet();
		ObjectNode usage = usage(SimulatedText.words(prompt).size(), answer.tokens());
		if (streamed(request)) {
			return EventStream.of(chunks(id, request, answer, usage));
		}
		return ok(completion(id, request, answer.text(), answer.finishReason()).set("usage", usage));
	}

	private static String prompt(JsonNode prompt) {
		JsonNode text = prompt.isArray() ? prompt.path(0) : prompt;
		if (text.isMissingNode() || text.isNull()) {
			return "";
		}
		if (!text.isString()) {
			throw new InvalidRequestException("prompt must be a string or an array of strings");
		}
		return text.stringValue();
	}

	private List<ObjectNode> chunks(String id, ObjectNode request, SimulatedAnswer answer, ObjectNode usage) {
		List<ObjectNode> chunks = new ArrayList<>();
		EventStream.fragments(answer.text()).forEach((fragment) -> chunks.add(completion(id, request, fragment, null)));
		chunks.add(completion(id, request, "", answer.finishReason()));
		if (request.path("stream_options").path("include_usage").asBoolean(false)) {
			ObjectNode last = header(id, "text_completion", request);
			last.putArray("choices");
			chunks.add(last.set("usage", usage));
		}
		return chunks;
	}

	private ObjectNode completion(String id, ObjectNode request, String text, @Nullable String finishReason) {
		ObjectNode completion = header(id, "text_completion", request);
		ObjectNode choice = completion.putArray("choices").addObject();
		choice.put("index", 0);
		choice.put("text", text);
		choice.put("finish_reason", finishReason);
		return completion;
	}

}
