package dev.customllm.test;

import java.util.List;
import java.util.Locale;

import com.github.tomakehurst.wiremock.extension.Parameters;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated reasoning of a chat answer, as a reasoning model would send it. A request
 * gets one when its model name contains {@code reason} ({@code reasoning_content}, as
 * DeepSeek and vLLM send it) or {@code think} (inline {@code <think>…</think>}, as
 * llama.cpp without a reasoning parser sends it), when it sets {@code reasoning_effort},
 * or when the {@value #HEADER} header names the shape: {@code reasoning_content},
 * {@code reasoning} (Ollama, newer vLLM), {@code think}, or {@code none}. Answers with
 * reasoning report {@code completion_tokens_details.reasoning_tokens} and
 * {@code prompt_tokens_details.cached_tokens}.
 *
 * @param style how the reasoning is sent
 * @param text the reasoning
 */
record SimulatedReasoning(Style style, String text) {

	/**
	 * Header that asks for a shape of reasoning.
	 */
	static final String HEADER = "X-Simulator-Reasoning";

	private static final int WORDS = 12;

	/**
	 * How the reasoning is sent.
	 */
	enum Style {

		/** In {@code reasoning_content}. */
		REASONING_CONTENT("reasoning_content"),
		/** In {@code reasoning}. */
		REASONING("reasoning"),
		/** Inline, in {@code <think>…</think>} before the answer's text. */
		THINK("think");

		private final String value;

		Style(String value) {
			this.value = value;
		}

		String field() {
			return this.value;
		}

	}

	/**
	 * Return the reasoning a request gets, if any.
	 * @param request the request body
	 * @param parameters the stub's parameters, with the {@value #HEADER} header
	 * @param question the user's message
	 * @return the reasoning, or {@code null} when the request gets none
	 * @throws InvalidRequestException if the header names no shape
	 */
	static @Nullable SimulatedReasoning of(ObjectNode request, Parameters parameters, String question) {
		Style style = style(request, parameters);
		return (style != null) ? new SimulatedReasoning(style, text(question)) : null;
	}

	private static @Nullable Style style(ObjectNode request, Parameters parameters) {
		String asked = parameters.getString(HEADER, null);
		if (asked != null) {
			if (asked.equalsIgnoreCase("none")) {
				return null;
			}
			for (Style style : Style.values()) {
				if (style.value.equalsIgnoreCase(asked.strip())) {
					return style;
				}
			}
			throw new InvalidRequestException(
					HEADER + " must be reasoning_content, reasoning, think or none, but was '" + asked + "'");
		}
		String model = SimulatorEndpoint.model(request).toLowerCase(Locale.ROOT);
		if (model.contains("think")) {
			return Style.THINK;
		}
		if (model.contains("reason") || request.has("reasoning_effort")) {
			return Style.REASONING_CONTENT;
		}
		return null;
	}

	private static String text(String question) {
		List<String> words = SimulatedText.words(question);
		String topic = String.join(" ", words.subList(0, Math.min(WORDS, words.size())));
		return "The user asks: " + (topic.isEmpty() ? "nothing" : topic) + ". A short, direct answer fits.";
	}

	/**
	 * Return the number of simulated tokens of the reasoning.
	 * @return the token count
	 */
	int tokens() {
		return SimulatedText.words(this.text).size();
	}

	/**
	 * Return the answer's text as sent: with the reasoning in front for inline think
	 * tags.
	 * @param answer the answer's text
	 * @return the content to send
	 */
	String content(String answer) {
		return (this.style == Style.THINK) ? "<think>\n" + this.text + "\n</think>\n\n" + answer : answer;
	}

	/**
	 * Return whether the reasoning goes in a field of its own.
	 * @return whether it is not inline
	 */
	boolean separate() {
		return this.style != Style.THINK;
	}

	/**
	 * Add the details of a reasoning answer to its usage.
	 * @param usage the usage, whose completion tokens include the reasoning
	 * @return the usage
	 */
	ObjectNode details(ObjectNode usage) {
		usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
		usage.putObject("completion_tokens_details").put("reasoning_tokens", tokens());
		return usage;
	}

}
