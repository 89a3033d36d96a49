package dev.customllm.internal.embedding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads an {@code embedding} value by its shape: a JSON array of numbers, or a base64
 * string of little-endian float32 values, each a finite float. Answers are read by
 * {@link EmbeddingAnswerParser}; this reads an embedding only where that parser hands a
 * value of an unexpected shape to the mapper.
 *
 * @author Custom LLM team
 */
final class VectorDeserializer extends ValueDeserializer<float[]> {

	@Override
	public float[] deserialize(JsonParser parser, DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_STRING) {
			return decodeBase64(parser.getString(), context);
		}
		if (token == JsonToken.START_ARRAY) {
			return readArray(parser, context);
		}
		return context.reportInputMismatch(float[].class,
				"embedding must be an array of numbers or a base64 string, not " + token);
	}

	private float[] decodeBase64(String text, DeserializationContext context) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(text);
		}
		catch (IllegalArgumentException ex) {
			return context.reportInputMismatch(float[].class, "embedding is not valid base64");
		}
		if (bytes.length % Float.BYTES != 0) {
			return context.reportInputMismatch(float[].class,
					"base64 embedding has " + bytes.length + " bytes, not a multiple of 4");
		}
		float[] vector = new float[bytes.length / Float.BYTES];
		ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
		return checkFinite(vector, context);
	}

	private float[] readArray(JsonParser parser, DeserializationContext context) {
		float[] vector = new float[1024];
		int size = 0;
		JsonToken token;
		while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
			if (token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_NUMBER_INT) {
				return context.reportInputMismatch(float[].class, "embedding array holds a " + token);
			}
			if (size == vector.length) {
				vector = Arrays.copyOf(vector, size * 2);
			}
			vector[size++] = parser.getFloatValue();
		}
		return checkFinite((size == vector.length) ? vector : Arrays.copyOf(vector, size), context);
	}

	private float[] checkFinite(float[] vector, DeserializationContext context) {
		for (int i = 0; i < vector.length; i++) {
			if (!Float.isFinite(vector[i])) {
				return context.reportInputMismatch(float[].class,
						"embedding holds " + vector[i] + " at position " + i + ": every value must be a finite float");
			}
		}
		return vector;
	}

}
