package dev.customllm.agent;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.customllm.test.LlmSimulator;

import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * Stubs answers with several tool calls, which the fluent stubs of the simulator do not
 * offer.
 *
 * @author Custom LLM team
 */
final class StubbedCalls {

	private static final JsonMapper json = JsonMapper.builder().build();

	private StubbedCalls() {
	}

	/**
	 * Answer requests that carry no tool result yet with these tool calls.
	 * @param llm the simulator
	 * @param calls the calls
	 */
	static void beforeToolResults(LlmSimulator llm, Call... calls) {
		ObjectNode body = json.createObjectNode().put("id", "chatcmpl-calls").put("model", "m1");
		ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("finish_reason", "tool_calls");
		ObjectNode message = choice.putObject("message").put("role", "assistant");
		message.putNull("content");
		ArrayNode toolCalls = message.putArray("tool_calls");
		for (Call call : calls) {
			ObjectNode toolCall = toolCalls.addObject().put("id", call.id()).put("type", "function");
			toolCall.putObject("function").put("name", call.name()).put("arguments", call.arguments());
		}
		llm.wireMock()
			.stubFor(post(urlPathEqualTo("/v1/chat/completions")).atPriority(1)
				.withRequestBody(notContaining("\"role\":\"tool\""))
				.willReturn(okJson(json.writeValueAsString(body))));
	}

	/**
	 * A tool call.
	 *
	 * @param id its id
	 * @param name the tool's name
	 * @param arguments the arguments as the model wrote them
	 */
	record Call(String id, String name, String arguments) {

	}

}
