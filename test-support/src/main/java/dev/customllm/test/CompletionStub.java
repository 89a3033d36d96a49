package dev.customllm.test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * </pre>
 */
public final class CompletionStub extends LlmStub<CompletionStub> {

	private static final Pattern WORD = Pattern.compile("\\s*\\S+");

	private static final int WORDS_PER_FRAGMENT = 3;

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
	 * Answer with a call of a tool ({@code finish_reason} {@code tool_calls}). Chat only.
	 * @param name the name of the function to call
	 * @param argumentsJson the arguments as a JSON object, for example
	 * {@code {"city":"Paris"}}
	 */
	public void callsTool(String name, String argumentsJson) {
		callsTools(ToolCallStub.of(name, argumentsJson));
	}

	/**
	 * Answer with several tool calls in one round ({@code finish_reason}
	 * {@code tool_calls}). Chat only.
	 * @param calls the calls, in order
	 */
	public void callsTools(ToolCallStub... calls) {
		if (endpoint() != SimulatedEndpoint.CHAT) {
			throw new IllegalStateException("Only chat completions call tools");
		}
		if (calls.length == 0) {
			throw new IllegalArgumentException("callsTools needs at least one call");
		}
		for (ToolCallStub call : calls) {
			checkObject(call.argumentsJson());
		}
		respond(scripted(Script.tools(List.of(calls))));
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
