package dev.customllm.test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders the answers of user stubs ({@link Script}) in the shape of the endpoint,
 * streamed when the request asks for it. Applies only to the stubs that name it.
 */
final class ScriptedEndpoint implements ResponseDefinitionTransformerV2 {

	static final String NAME = "custom-llm-simulator-scripted";

	private final AtomicLong ids;

	ScriptedEndpoint(AtomicLong ids) {
		this.ids = ids;
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		ResponseDefinition stub = serveEvent.getResponseDefinition();
		Script script = Script.fromJson(stub.getTransformerParameters().getString(Script.PARAMETER));
		ObjectNode request = parse(serveEvent.getRequest().getBodyAsString());
		ResponseDefinition answer = switch (script.endpoint()) {
			case CHAT -> chat(script, request);
			case TEXT -> text(script, request);
			case RESPONSES -> responses(script, request);
			case EMBEDDINGS -> embeddings(script, request);
			case RERANK -> SimulatorEndpoint.ok(RerankEndpoint.answer("rerank-sim-" + this.ids.incrementAndGet(),
					request, RerankEndpoint.documents(request.path("documents")), script.scores()));
		};
		return ResponseDefinitionBuilder.like(answer).withFixedDelay(stub.getFixedDelayMilliseconds()).build();
	}

	ResponseDefinition chat(Script script, ObjectNode request) {
		String id = "chatcmpl-sim-" + this.ids.incrementAndGet();
		if (SimulatorEndpoint.streamed(request) || script.cut()) {
			return stream(new ChatChunks(id, request).of(script), script.cut());
		}
		ObjectNode completion = SimulatorEndpoint.header(id, "chat.completion", request);
		ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
		ObjectNode message = choice.putObject("message").put("role", "assistant");
		if (!script.calls().isEmpty()) {
			message.putNull("content");
			ArrayNode calls = message.putArray("tool_calls");
			for (int i = 0; i < script.calls().size(); i++) {
				calls.add(toolCall(id, i, script.calls().get(i)).put("type", "function"));
			}
		}
		else {
			message.put("content", script.text());
		}
		choice.put("finish_reason", finishReason(script));
		completion.set("usage", usage(request, script));
		return SimulatorEndpoint.ok(completion);
	}

	private ResponseDefinition responses(Script script, ObjectNode request) {
		long number = this.ids.incrementAndGet();
		ResponsesAnswer answer = new ResponsesAnswer("resp_sim" + number, number);
		if (script.calls().isEmpty()) {
			answer.text = new SimulatedAnswer(script.text(), "stop");
			answer.fragments = script.chunks();
		}
		answer.calls = script.calls();
		answer.promptTokens = SimulatedText.words(request.path("input").toString()).size();
		if (SimulatorEndpoint.streamed(request) || script.cut()) {
			return EventStream.typed(answer.events(request, script.cut()));
		}
		return SimulatorEndpoint.ok(answer.response(request, "completed"));
	}

	private ResponseDefinition text(Script script, ObjectNode request) {
		String id = "cmpl-sim-" + this.ids.incrementAndGet();
		if (SimulatorEndpoint.streamed(request) || script.cut()) {
			List<ObjectNode> events = new ArrayList<>();
			script.chunks().forEach((chunk) -> events.add(textCompletion(id, request, chunk, null)));
			if (!script.cut()) {
				events.add(textCompletion(id, request, "", "stop"));
				addUsage(events, SimulatorEndpoint.header(id, "text_completion", request), request, script);
			}
			return stream(events, script.cut());
		}
		return SimulatorEndpoint
			.ok(textCompletion(id, request, script.text(), "stop").set("usage", usage(request, script)));
	}

	private ResponseDefinition embeddings(Script script, ObjectNode request) {
		boolean base64 = "base64".equals(request.path("encoding_format").asString(""));
		ObjectNode body = SimulatorEndpoint.json.createObjectNode().put("object", "list");
		ArrayNode data = body.putArray("data");
		for (int i = 0; i < script.vectors().size(); i++) {
			ObjectNode embedding = data.addObject().put("object", "embedding").put("index", i);
			EmbeddingsEndpoint.vector(embedding, script.vectors().get(i), base64);
		}
		body.put("model", SimulatorEndpoint.model(request));
		body.set("usage", SimulatorEndpoint.usage(SimulatedText.words(request.path("input").toString()).size(), -1));
		return SimulatorEndpoint.ok(body);
	}

	private static ObjectNode textCompletion(String id, ObjectNode request, String text, @Nullable String finish) {
		ObjectNode completion = SimulatorEndpoint.header(id, "text_completion", request);
		ObjectNode choice = completion.putArray("choices").addObject().put("index", 0).put("text", text);
		choice.put("finish_reason", finish);
		return completion;
	}

	static ObjectNode toolCall(String id, int index, ToolCallStub stub) {
		String callId = "call-" + id + ((index > 0) ? "-" + index : "");
		ObjectNode call = SimulatorEndpoint.json.createObjectNode().put("id", callId);
		call.putObject("function").put("name", stub.name()).put("arguments", stub.argumentsJson());
		return call;
	}

	static String finishReason(Script script) {
		return script.calls().isEmpty() ? "stop" : "tool_calls";
	}

	static ObjectNode usage(ObjectNode request, Script script) {
		int completionTokens = SimulatedText.words(script.text() + " " + script.argumentsText()).size();
		return SimulatorEndpoint.usage(promptTokens(request), completionTokens);
	}

	static void addUsage(List<ObjectNode> events, ObjectNode last, ObjectNode request, Script script) {
		if (request.path("stream_options").path("include_usage").asBoolean(false)) {
			last.putArray("choices");
			events.add(last.set("usage", usage(request, script)));
		}
	}

	private static int promptTokens(ObjectNode request) {
		if (request.has("prompt")) {
			return SimulatedText.words(request.path("prompt").toString()).size();
		}
		try {
			return ChatPrompt.from(request.path("messages")).tokens();
		}
		catch (InvalidRequestException ex) {
			return 0;
		}
	}

	private static ResponseDefinition stream(List<ObjectNode> events, boolean cut) {
		return cut ? EventStream.cut(events) : EventStream.of(events);
	}

	private static ObjectNode parse(String body) {
		try {
			return (SimulatorEndpoint.json.readTree(body) instanceof ObjectNode object) ? object
					: SimulatorEndpoint.json.createObjectNode();
		}
		catch (JacksonException ex) {
			return SimulatorEndpoint.json.createObjectNode();
		}
	}

	/**
	 * The events of a streamed chat answer.
	 */
	private static final class ChatChunks {

		private final String id;

		private final ObjectNode request;

		ChatChunks(String id, ObjectNode request) {
			this.id = id;
			this.request = request;
		}

		List<ObjectNode> of(Script script) {
			List<ObjectNode> events = new ArrayList<>();
			events.add(chunk(delta().put("role", "assistant").put("content", ""), null));
			script.chunks().forEach((text) -> events.add(chunk(delta().put("content", text), null)));
			for (int i = 0; i < script.calls().size(); i++) {
				ObjectNode call = toolCall(this.id, i, script.calls().get(i)).put("index", i).put("type", "function");
				events.add(chunk(delta().set("tool_calls", SimulatorEndpoint.json.createArrayNode().add(call)), null));
			}
			if (!script.cut()) {
				events.add(chunk(delta(), finishReason(script)));
				addUsage(events, chunk(delta(), null), this.request, script);
			}
			return events;
		}

		private ObjectNode chunk(JsonNode delta, @Nullable String finishReason) {
			ObjectNode chunk = SimulatorEndpoint.header(this.id, "chat.completion.chunk", this.request);
			ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
			choice.set("delta", delta);
			choice.put("finish_reason", finishReason);
			return chunk;
		}

		private static ObjectNode delta() {
			return SimulatorEndpoint.json.createObjectNode();
		}

	}

}
