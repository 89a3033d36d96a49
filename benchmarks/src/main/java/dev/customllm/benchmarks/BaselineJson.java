package dev.customllm.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * The baseline's request and answer bodies, written and read with Jackson's streaming
 * API: no data binding, no trees.
 *
 * @author Custom LLM team
 */
final class BaselineJson {

	private static final JsonFactory JSON = new JsonFactory();

	private BaselineJson() {
	}

	static byte[] chatRequest(String model, String prompt, boolean stream) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(128);
		try (JsonGenerator json = JSON.createGenerator(out)) {
			json.writeStartObject();
			json.writeStringProperty("model", model);
			json.writeName("messages");
			json.writeStartArray();
			json.writeStartObject();
			json.writeStringProperty("role", "user");
			json.writeStringProperty("content", prompt);
			json.writeEndObject();
			json.writeEndArray();
			if (stream) {
				json.writeBooleanProperty("stream", true);
				json.writeName("stream_options");
				json.writeStartObject();
				json.writeBooleanProperty("include_usage", true);
				json.writeEndObject();
			}
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	static byte[] embeddingsRequest(String model, List<String> input, boolean base64) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(input.size() * 32 + 64);
		try (JsonGenerator json = JSON.createGenerator(out)) {
			json.writeStartObject();
			json.writeStringProperty("model", model);
			json.writeName("input");
			json.writeStartArray();
			for (String text : input) {
				json.writeString(text);
			}
			json.writeEndArray();
			json.writeStringProperty("encoding_format", base64 ? "base64" : "float");
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	/**
	 * Read the text of the first choice of a chat completion, walking every token (usage,
	 * finish reason and the rest are read too).
	 */
	static String chatText(byte[] body) {
		String text = firstString(body, 0, body.length, "content");
		if (text == null) {
			throw new IllegalStateException("no content in the answer");
		}
		return text;
	}

	/**
	 * Read the delta text of a stream chunk, or {@code null} when it has none.
	 */
	static @Nullable String chunkText(byte[] payload, int offset, int length) {
		return firstString(payload, offset, length, "content");
	}

	private static @Nullable String firstString(byte[] body, int offset, int length, String property) {
		String found = null;
		try (JsonParser parser = JSON.createParser(body, offset, length)) {
			JsonToken token;
			while ((token = parser.nextToken()) != null) {
				if (token == JsonToken.VALUE_STRING && found == null && property.equals(parser.currentName())) {
					found = parser.getString();
				}
			}
		}
		return found;
	}

	/**
	 * Read the vectors of an embeddings answer, placed by their {@code index}; each
	 * vector a float array or base64 (the JDK's decoder, faster here than Jackson's
	 * {@code getBinaryValue}).
	 */
	static float[][] embeddings(byte[] body, int count) {
		float[][] vectors = new float[count][];
		try (JsonParser parser = JSON.createParser(body)) {
			int index = -1;
			JsonToken token;
			while ((token = parser.nextToken()) != null) {
				if (token == JsonToken.PROPERTY_NAME && "index".equals(parser.currentName())) {
					parser.nextToken();
					index = parser.getIntValue();
				}
				else if (token == JsonToken.PROPERTY_NAME && "embedding".equals(parser.currentName())) {
					vectors[index] = vector(parser);
				}
			}
		}
		return vectors;
	}

	private static float[] vector(JsonParser parser) {
		JsonToken token = parser.nextToken();
		if (token == JsonToken.VALUE_STRING) {
			byte[] bytes = Base64.getDecoder().decode(parser.getString());
			float[] vector = new float[bytes.length / Float.BYTES];
			ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
			return vector;
		}
		float[] vector = new float[2048];
		int size = 0;
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			if (size == vector.length) {
				vector = Arrays.copyOf(vector, size * 2);
			}
			vector[size++] = parser.getFloatValue();
		}
		return Arrays.copyOf(vector, size);
	}

}
