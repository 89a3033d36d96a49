package dev.customllm.test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import tools.jackson.databind.node.ObjectNode;

/**
 * Simulates {@code POST /v1/responses}, OpenAI's Responses API, streamed with its typed
 * events or not: the same answers as the chat endpoint (text, structured output, a call
 * of an offered tool when the conversation has no tool result yet), in the Responses
 * shape, with a reasoning summary when the request sets {@code reasoning}. Stateless: it
 * keeps nothing, whatever {@code store} says.
 */
final class ResponsesEndpoint extends SimulatorEndpoint {

	static final String NAME = "custom-llm-simulator-responses";

	static final String REASONING_PREFIX = "Simulated reasoning:";

	private final AtomicLong ids;

	ResponsesEndpoint(AtomicLong ids) {
		this.ids = ids;
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	ResponseDefinition respond(ObjectNode request) {
		ObjectNode chat = ResponsesRequest.toChat(request);
		ChatPrompt prompt = ChatPrompt.from(chat.path("messages"));
		int maxTokens = maxTokens(chat);
		long id = this.ids.incrementAndGet();
		ResponsesAnswer answer = new ResponsesAnswer("resp_sim" + id, id);
		if (request.path("reasoning").isObject() && !request.path("reasoning").path("effort").isNull()) {
			answer.reasoning = REASONING_PREFIX + " the question has " + SimulatedText.words(prompt.question()).size()
					+ " words; answer it.";
		}
		Script call = SimulatedTools.call(chat, prompt);
		if (call != null) {
			answer.calls = call.calls();
		}
		else {
			SimulatedAnswer structured = SimulatedJson.answer(chat.path("response_format"), prompt, maxTokens, false);
			SimulatedAnswer fromTools = SimulatedTools.answer(chat.path("messages"), maxTokens);
			answer.text = (structured != null) ? structured : (fromTools != null) ? fromTools
					: SimulatedText.answer(prompt.instructions(), prompt.question(), maxTokens, prompt.images());
		}
		answer.promptTokens = prompt.tokens();
		answer.fragments = (answer.text != null) ? EventStream.fragments(answer.text.text()) : List.of();
		if (streamed(request)) {
			return EventStream.typed(answer.events(request, false));
		}
		return ok(answer.response(request, answer.status()));
	}

}
