package dev.customllm.test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.client.WireMock;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Stub of the chat or text completion endpoint of an {@link LlmSimulator}. Answers are
 * rendered in the endpoint's shape, and streamed when the request asks for a stream.
 *
 * <pre class="code">
 * simulator.chat().answers("Paris.");
 * simulator.chat().whenRequestContains("weather").once().callsTool("get_weather", "{\"city\":\"Paris\"}");
 * simulator.completions().streams("Once", " upon", " a time");
 * simulator.chat().refusesJsonSchema();
 * </pre>
 *
 * @since 0.1.0
 */
public final class CompletionStub extends LlmStub<CompletionStub> {

	private static final Pattern WORD = Pattern.compile("\\s*\\S+");

	private static final int WORDS_PER_FRAGMENT = 3;

	/**
	 * What llama.cpp answers when a request has both a JSON Schema and a grammar, and
	 * what {@link #refusesJsonSchema()} answers.
	 */
	static final String JSON_SCHEMA_REFUSAL = "Either \"json_schema\" or \"grammar\" can be specified, but not both";

	private static final String INVALID_JSON = "{\"summary\": \"The answer stops in the middle";

	CompletionStub(LlmSimulator simulator, SimulatedEndpoint endpoint) {
		super(simulator, endpoint);
	}

	/**
	 * Answer with the given text; a stream carries it in fragments of a few words.
	 * @param text the answer
	 */
	public void answers(String text) {
		respond(scripted(Script.text(endpoint(), fragments(text), false)));
	}

	/**
	 * Answer with these fragments: one event each when streamed, joined otherwise.
	 * @param fragments the parts of the answer
	 */
	public void streams(String... fragments) {
		respond(scripted(Script.text(endpoint(), List.of(fragments), false)));
	}

	/**
	 * Answer with a call of a tool ({@code finish_reason} {@code tool_calls}). Chat and
	 * Responses API only.
	 * @param name the name of the function to call
	 * @param argumentsJson the arguments as a JSON object, for example
	 * {@code {"city":"Paris"}}
	 */
	public void callsTool(String name, String argumentsJson) {
		callsTools(ToolCallStub.of(name, argumentsJson));
	}

	/**
	 * Answer with several tool calls in one round ({@code finish_reason}
	 * {@code tool_calls}). Chat and Responses API only.
	 * @param calls the calls, in order
	 */
	public void callsTools(ToolCallStub... calls) {
		if (endpoint() == SimulatedEndpoint.TEXT) {
			throw new IllegalStateException("callsTools applies to chat completions and the Responses API only");
		}
		if (calls.length == 0) {
			throw new IllegalArgumentException("callsTools needs at least one call");
		}
		for (ToolCallStub call : calls) {
			checkObject(call.argumentsJson());
		}
		respond(scripted(new Script(endpoint(), List.of(), List.of(calls), List.of(), false)));
	}

	/**
	 * Refuse requests whose {@code response_format} is {@code json_schema} with a 400, as
	 * some llama.cpp builds, older vLLM and gateways that only know {@code json_object}
	 * do ({@code text.format} on the Responses API); other requests are answered as
	 * before. Chat and Responses API only.
	 */
	public void refusesJsonSchema() {
		if (endpoint() == SimulatedEndpoint.TEXT) {
			throw new IllegalStateException("refusesJsonSchema applies to chat completions and the Responses API only");
		}
		String format = (endpoint() == SimulatedEndpoint.RESPONSES) ? "$.text.format.type" : "$.response_format.type";
		whenBodyMatches(WireMock.matchingJsonPath(format, WireMock.equalTo("json_schema")))
			.fails(LlmFault.status(400, JSON_SCHEMA_REFUSAL));
	}

	/**
	 * Answer with text that starts as JSON and breaks off, as a model cut by its token
	 * limit writes it. Chat only.
	 */
	public void answersInvalidJson() {
		chatOnly("answersInvalidJson");
		answers(INVALID_JSON);
	}

	/**
	 * Answer as the simulator does, but with a structured answer wrapped in a Markdown
	 * code fence ({@code ```json … ```}), as models without guided decoding often write
	 * it. Chat only.
	 */
	public void wrapsJsonInFences() {
		chatOnly("wrapsJsonInFences");
		respond(WireMock.aResponse()
			.withTransformers(ChatCompletionsEndpoint.NAME)
			.withTransformerParameter(ChatCompletionsEndpoint.FENCES, true));
	}

	/**
	 * Answer as the simulator does, with the model's reasoning before the text, as a
	 * reasoning model served with a reasoning parser (or without one) sends it. Chat
	 * only.
	 * @param style {@code reasoning_content} (DeepSeek, vLLM, llama.cpp),
	 * {@code reasoning} (Ollama, newer vLLM), {@code think} (inline
	 * {@code <think>…</think>} in the text) or {@code none}
	 * @throws IllegalArgumentException if the style is none of these
	 */
	public void reasons(String style) {
		chatOnly("reasons");
		if (!List.of("reasoning_content", "reasoning", "think", "none").contains(style)) {
			throw new IllegalArgumentException(
					"style must be reasoning_content, reasoning, think or none, but was '" + style + "'");
		}
		respond(WireMock.aResponse()
			.withTransformers(ChatCompletionsEndpoint.NAME)
			.withTransformerParameter(SimulatedReasoning.HEADER, style));
	}

	private void chatOnly(String method) {
		if (endpoint() != SimulatedEndpoint.CHAT) {
			throw new IllegalStateException(method + " applies to chat completions only");
		}
	}

	static List<String> fragments(String text) {
		List<String> fragments = new ArrayList<>();
		Matcher words = WORD.matcher(text);
		StringBuilder fragment = new StringBuilder();
		int count = 0;
		int end = 0;
		while (words.find()) {
			fragment.append(words.group());
			end = words.end();
			if (++count % WORDS_PER_FRAGMENT == 0) {
				fragments.add(fragment.toString());
				fragment.setLength(0);
			}
		}
		fragment.append(text.substring(end));
		if (!fragment.isEmpty() || fragments.isEmpty()) {
			fragments.add(fragment.toString());
		}
		return fragments;
	}

	private static void checkObject(String json) {
		try {
			JsonNode node = SimulatorEndpoint.json.readTree(json);
			if (node.isObject()) {
				return;
			}
		}
		catch (JacksonException ex) {
			// reported below
		}
		throw new IllegalArgumentException("Tool arguments must be a JSON object, but were " + json);
	}

}
