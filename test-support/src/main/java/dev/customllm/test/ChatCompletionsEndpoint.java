package dev.customllm.test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Simulates {@code POST /v1/chat/completions}, streamed or not, calling an offered tool
 * when the conversation has no tool result yet (see {@link SimulatedTools}), with
 * {@code n} choices, and refusing a {@code temperature} outside 0..2 as OpenAI does.
 */
final class ChatCompletionsEndpoint extends SimulatorEndpoint {

	static final String NAME = "custom-llm-simulator-chat";

	/**
	 * Parameter of a stub: whether structured answers come inside a Markdown code fence.
	 */
	static final String FENCES = "fences";

	private final AtomicLong ids;

	private final ScriptedEndpoint toolCalls;

	ChatCompletionsEndpoint(AtomicLong ids) {
		this.ids = ids;
		this.toolCalls = new ScriptedEndpoint(ids);
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	ResponseDefinition respond(ObjectNode request) {
		return respond(request, Parameters.empty());
	}

	@Override
	ResponseDefinition respond(ObjectNode request, Parameters parameters) {
		checkTemperature(request);
		int choices = choices(request);
		ChatPrompt prompt = ChatPrompt.from(request.path("messages"));
		SimulatedAnswer structured = SimulatedJson.answer(request.path("response_format"), prompt, maxTokens(request),
				parameters.getBoolean(FENCES, false));
		Script toolCall = SimulatedTools.call(request, prompt);
		if (toolCall != null) {
			return this.toolCalls.chat(toolCall, request);
		}
		SimulatedAnswer answer = (structured != null) ? structured : textAnswer(request, prompt);
		SimulatedReasoning reasoning = SimulatedReasoning.of(request, parameters, prompt.question());
		String id = "chatcmpl-sim-" + this.ids.incrementAndGet();
		ObjectNode usage = usage(prompt.tokens(),
				(answer.tokens() + ((reasoning != null) ? reasoning.tokens() : 0)) * choices);
		if (reasoning != null) {
			reasoning.details(usage);
		}
		if (streamed(request)) {
			return EventStream.of(chunks(id, request, answer, reasoning, choices, usage));
		}
		return ok(completion(id, request, answer, reasoning, choices, usage));
	}

	private static SimulatedAnswer textAnswer(ObjectNode request, ChatPrompt prompt) {
		SimulatedAnswer fromTools = SimulatedTools.answer(request.path("messages"), maxTokens(request));
		return (fromTools != null) ? fromTools
				: SimulatedText.answer(prompt.instructions(), prompt.question(), maxTokens(request), prompt.images());
	}

	private ObjectNode completion(String id, ObjectNode request, SimulatedAnswer answer,
			@Nullable SimulatedReasoning reasoning, int choices, ObjectNode usage) {
		ObjectNode completion = header(id, "chat.completion", request);
		completion.put("system_fingerprint", IDENTITY);
		ArrayNode array = completion.putArray("choices");
		for (int index = 0; index < choices; index++) {
			ObjectNode choice = array.addObject();
			choice.put("index", index);
			ObjectNode message = choice.putObject("message").put("role", "assistant");
			message.put("content", (reasoning != null) ? reasoning.content(answer.text()) : answer.text());
			if (reasoning != null && reasoning.separate()) {
				message.put(reasoning.style().field(), reasoning.text());
			}
			if (SimulatedLogprobs.asked(request)) {
				choice.set("logprobs", SimulatedLogprobs.of(request, answer.text(), 0));
			}
			choice.put("finish_reason", answer.finishReason());
		}
		completion.set("usage", usage);
		return completion;
	}

	/**
	 * The chunks of a stream: those of each choice one after the other, as OpenAI
	 * interleaves them in no promised order.
	 */
	private List<ObjectNode> chunks(String id, ObjectNode request, SimulatedAnswer answer,
			@Nullable SimulatedReasoning reasoning, int choices, ObjectNode usage) {
		List<ObjectNode> chunks = new ArrayList<>();
		for (int index = 0; index < choices; index++) {
			int choice = index;
			chunks.add(chunk(id, request, choice, delta().put("role", "assistant").put("content", ""), null));
			if (reasoning != null && reasoning.separate()) {
				EventStream.fragments(reasoning.text())
					.forEach((fragment) -> chunks
						.add(chunk(id, request, choice, delta().put(reasoning.style().field(), fragment), null)));
			}
			else if (reasoning != null) {
				EventStream.fragments(reasoning.content(""))
					.forEach((fragment) -> chunks
						.add(chunk(id, request, choice, delta().put("content", fragment), null)));
			}
			int token = 0;
			for (String fragment : EventStream.fragments(answer.text())) {
				ObjectNode chunk = chunk(id, request, choice,
						delta().put("content",
								(token == 0 && reasoning != null && !reasoning.separate()) ? " " + fragment : fragment),
						null);
				if (SimulatedLogprobs.asked(request)) {
					((ObjectNode) chunk.path("choices").path(0)).set("logprobs",
							SimulatedLogprobs.of(request, fragment, token));
				}
				token += SimulatedText.words(fragment).size();
				chunks.add(chunk);
			}
			chunks.add(chunk(id, request, choice, delta(), answer.finishReason()));
		}
		if (request.path("stream_options").path("include_usage").asBoolean(false)) {
			ObjectNode last = chunk(id, request, 0, delta(), null);
			last.putArray("choices");
			chunks.add(last.set("usage", usage));
		}
		return chunks;
	}

	private ObjectNode chunk(String id, ObjectNode request, int index, ObjectNode delta,
			@Nullable String finishReason) {
		ObjectNode chunk = header(id, "chat.completion.chunk", request);
		chunk.put("system_fingerprint", IDENTITY);
		ObjectNode choice = chunk.putArray("choices").addObject();
		choice.put("index", index);
		choice.set("delta", delta);
		choice.put("finish_reason", finishReason);
		return chunk;
	}

	private static ObjectNode delta() {
		return json.createObjectNode();
	}

}
