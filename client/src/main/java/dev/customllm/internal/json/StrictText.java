package dev.customllm.internal.json;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Reads generated text, which must be a JSON string: a number or a boolean where text
 * belongs is an answer the client cannot trust, not text to make up from it (Jackson
 * would otherwise turn {@code 42} into {@code "42"}).
 *
 * @author Custom LLM team
 */
public final class StrictText extends ValueDeserializer<String> {

	@Override
	public String deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.currentToken() == JsonToken.VALUE_STRING) {
			return parser.getString();
		}
		throw notText(parser);
	}

	/**
	 * Return the failure for a value that is not text where text belongs.
	 * @param parser the parser, positioned on the value
	 * @return the exception
	 */
	public static MismatchedInputException notText(JsonParser parser) {
		return MismatchedInputException.from(parser, String.class,
				"text must be a JSON string, not " + describe(parser.currentToken()));
	}

	private static String describe(JsonToken token) {
		return switch (token) {
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
			case VALUE_TRUE, VALUE_FALSE -> "a boolean";
			case START_OBJECT -> "an object";
			case START_ARRAY -> "an array";
			default -> String.valueOf(token);
		};
	}

}
