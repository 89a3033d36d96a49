package dev.customllm.test;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives answer text deterministically from a prompt: a summary when one is asked for,
 * otherwise a short echo. Tokens are whitespace-separated words.
 */
final class SimulatedText {

	static final String ECHO_PREFIX = "Simulated answer:";

	private static final int ECHO_WORDS = 20;

	private static final int SUMMARY_WORDS = 30;

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private static final Pattern FIRST_SENTENCE = Pattern.compile("^(.+?[.!?])(?=\\s|$)", Pattern.DOTALL);

	private SimulatedText() {
	}

	/**
	 * Answer a prompt.
	 * @param instructions the system instructions, possibly empty
	 * @param question the user's message
	 * @param maxTokens the most tokens the answer may have
	 * @return the answer
	 */
	static SimulatedAnswer answer(String instructions, String question, int maxTokens) {
		return answer(instructions, question, maxTokens, 0);
	}

	/**
	 * Answer a prompt that may come with images, whose number the echo tells.
	 * @param instructions the system instructions, possibly empty
	 * @param question the user's message
	 * @param maxTokens the most tokens the answer may have
	 * @param images the number of images in the user's message
	 * @return the answer
	 */
	static SimulatedAnswer answer(String instructions, String question, int maxTokens, int images) {
		List<String> words = words(wantsSummary(instructions, question) ? summary(question) : echo(question, images));
		if (words.size() > maxTokens) {
			return new SimulatedAnswer(String.join(" ", words.subList(0, maxTokens)), "length");
		}
		return new SimulatedAnswer(String.join(" ", words), "stop");
	}

	/**
	 * Split text into its whitespace-separated words.
	 * @param text the text
	 * @return the words
	 */
	static List<String> words(String text) {
		String stripped = text.strip();
		return stripped.isEmpty() ? List.of() : Arrays.asList(WHITESPACE.split(stripped));
	}

	private static boolean wantsSummary(String instructions, String question) {
		return instructions.toLowerCase(Locale.ROOT).contains("summar") || startsWithSummarize(question.strip());
	}

	private static boolean startsWithSummarize(String text) {
		String lower = text.toLowerCase(Locale.ROOT);
		return lower.startsWith("summarize") || lower.startsWith("summarise");
	}

	private static String echo(String question, int images) {
		String seen = (images == 0) ? "" : " [" + images + ((images == 1) ? " image]" : " images]");
		return ECHO_PREFIX + seen + " " + firstWords(question, ECHO_WORDS);
	}

	/**
	 * Summarize a question: its first sentence, without a leading instruction.
	 * @param question the question
	 * @return the summary
	 */
	static String summary(String question) {
		Matcher sentence = FIRST_SENTENCE.matcher(withoutInstruction(question));
		String text = sentence.find() ? sentence.group(1) : withoutInstruction(question);
		String summary = firstWords(text, SUMMARY_WORDS);
		return summary.isEmpty() ? "Nothing to summarize." : summary;
	}

	/**
	 * Return a text without a leading instruction line such as {@code Summarize:}.
	 * @param text the text
	 * @return the text that follows the instruction
	 */
	static String withoutInstruction(String text) {
		String stripped = text.strip();
		int newline = stripped.indexOf('\n');
		String firstLine = (newline >= 0) ? stripped.substring(0, newline).strip() : stripped;
		if (newline >= 0 && (startsWithSummarize(firstLine) || firstLine.endsWith(":"))) {
			return stripped.substring(newline + 1).strip();
		}
		int colon = stripped.indexOf(':');
		return (startsWithSummarize(stripped) && colon >= 0) ? stripped.substring(colon + 1).strip() : stripped;
	}

	private static String firstWords(String text, int limit) {
		List<String> words = words(text);
		return String.join(" ", words.subList(0, Math.min(limit, words.size())));
	}

}
