package dev.customllm.internal.completion;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;

/**
 * Reads the model name of an answer or a streamed event, reusing the last one read while
 * answers repeat it (they usually do, every answer and every event of every stream),
 * instead of a new string each time. Thread-safe.
 *
 * @author Custom LLM team
 */
final class ModelNames {

	/** The last model name read; any thread may replace it. */
	private static volatile @Nullable String last;

	private ModelNames() {
	}

	/**
	 * Read the model name the parser is positioned on.
	 * @param parser a parser on a {@link tools.jackson.core.JsonToken#VALUE_STRING}
	 * @return the name
	 */
	static String read(JsonParser parser) {
		String last = ModelNames.last;
		if (last != null && sameText(parser, last)) {
			return last;
		}
		String model = parser.getString();
		ModelNames.last = model;
		return model;
	}

	private static boolean sameText(JsonParser parser, String text) {
		int length = parser.getStringLength();
		if (length != text.length()) {
			return false;
		}
		char[] characters = parser.getStringCharacters();
		int offset = parser.getStringOffset();
		for (int i = 0; i < length; i++) {
			if (characters[offset + i] != text.charAt(i)) {
				return false;
			}
		}
		return true;
	}

}
