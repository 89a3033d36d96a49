package dev.customllm.internal.embedding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;
import dev.customllm.internal.http.JsonAnswerParser;

/**
 * Reads an embeddings answer as its network buffers arrive, with Jackson's non-blocking
 * parser fed each buffer in place: {@code data} items with their {@code index} and
 * {@code embedding}, {@code model} and {@code usage}, in any order, unknown members
 * skipped. A base64 vector is narrowed from the parser's characters into a reused array,
 * decoded by the JDK's decoder into another reused array and read as little-endian floats
 * straight into its {@code float[]}: no {@link String} and no decoded array per vector. A
 * vector of numbers is read into a reused array, then copied once at its length.
 * <p>
 * The shapes of a well-formed answer are read here; any other value (a number where text
 * belongs, an object where an item's index belongs, an answer that is not an object) is
 * handed to the JSON mapper as the records ({@link EmbeddingResult},
 * {@link EmbeddingItem}, {@link VectorDeserializer}) would read it, so that it is read or
 * refused as before. Each value is checked to be a finite float as it is read; the other
 * checks of the vectors (count, index, length) belong to {@link BatchReader}. Not
 * thread-safe: one instance per answer.
 *
 * @author Custom LLM team
 */
final class EmbeddingAnswerParser extends JsonAnswerParser<EmbeddingResult> {

	private static final VarHandle BITS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

	private static final int EXPONENT = 0x7F800000;

	private static final int EXPONENT_LOW_BIT = 0x00800000;

	private static final Base64.Decoder BASE64 = Base64.getDecoder();

	private static final TypeReference<List<EmbeddingItem>> ITEMS = new TypeReference<>() {
	};

	/** In the answer's object. */
	private static final int ROOT = 1;

	/** In the {@code data} array. */
	private static final int DATA = 2;

	/** In an item of {@code data}. */
	private static final int ITEM = 3;

	/** In a vector of numbers. */
	private static final int VECTOR = 4;

	private String property = "";

	private @Nullable List<EmbeddingItem> items;

	private @Nullable String model;

	private @Nullable EmbeddingUsage usage;

	private @Nullable Integer index;

	private float @Nullable [] vector;

	/**
	 * The position of the current vector's first value that is not a finite float, or -1.
	 */
	private int nonFinite = -1;

	private byte[] text = new byte[0];

	private byte[] decoded = new byte[0];

	private float[] floats = new float[0];

	private int size;

	private long textChars;

	/**
	 * Create a parser for one answer.
	 * @param jsonMapper reads the values of unexpected shapes
	 */
	EmbeddingAnswerParser(JsonMapper jsonMapper) {
		super(LlmOperation.EMBEDDINGS, jsonMapper, EmbeddingResult.class, ROOT);
	}

	@Override
	public long heldBytes() {
		// the base64 text is counted once read: the values between them are short
		return PARSER_WINDOW + 2 * this.textChars + this.text.length + this.decoded.length
				+ (long) this.floats.length * Float.BYTES;
	}

	@Override
	protected void read(JsonToken token) {
		switch (mode()) {
			case ROOT -> root(token);
			case DATA -> data(token);
			case ITEM -> item(token);
			default -> vector(token);
		}
	}

	private void root(JsonToken token) {
		if (token == JsonToken.PROPERTY_NAME) {
			this.property = parser().currentName();
			return;
		}
		if (token == JsonToken.END_OBJECT) {
			done(new EmbeddingResult(this.items, this.model, this.usage));
			return;
		}
		switch (this.property) {
			case "data" -> {
				if (token == JsonToken.START_ARRAY) {
					this.items = new ArrayList<>();
					mode(DATA);
				}
				else if (token == JsonToken.VALUE_NULL) {
					this.items = null;
				}
				else {
					startCapture(token, ROOT);
				}
			}
			case "model" -> {
				if (token == JsonToken.VALUE_STRING) {
					this.model = parser().getString();
				}
				else if (token == JsonToken.VALUE_NULL) {
					this.model = null;
				}
				else {
					startCapture(token, ROOT);
				}
			}
			case "usage" -> startCapture(token, ROOT);
			default -> startSkip(token, ROOT);
		}
	}

	private void data(JsonToken token) {
		if (token == JsonToken.START_OBJECT) {
			this.index = null;
			this.vector = null;
			this.nonFinite = -1;
			this.property = "";
			mode(ITEM);
		}
		else if (token == JsonToken.END_ARRAY) {
			this.property = "";
			mode(ROOT);
		}
		else if (token == JsonToken.VALUE_NULL) {
			items().add(null);
		}
		else {
			startCapture(token, DATA);
		}
	}

	private void item(JsonToken token) {
		if (token == JsonToken.PROPERTY_NAME) {
			this.property = parser().currentName();
			return;
		}
		if (token == JsonToken.END_OBJECT) {
			List<EmbeddingItem> list = items();
			checkFinite(list.size());
			list.add(new EmbeddingItem(this.index, this.vector));
			mode(DATA);
			return;
		}
		switch (this.property) {
			case "index" -> {
				if (token == JsonToken.VALUE_NUMBER_INT) {
					this.index = parser().getIntValue();
				}
				else if (token == JsonToken.VALUE_NULL) {
					this.index = null;
				}
				else {
					startCapture(token, ITEM);
				}
			}
			case "embedding" -> embedding(token);
			default -> startSkip(token, ITEM);
		}
	}

	/**
	 * Refuse a vector with a value that is not a finite float, once its item's index is
	 * known: checked as the values are read rather than in a second pass over them.
	 */
	private void checkFinite(int position) {
		float[] values = this.vector;
		if (this.nonFinite >= 0 && values != null) {
			int at = (this.index != null) ? this.index : position;
			throw new LlmResponseException(LlmOperation.EMBEDDINGS,
					"embedding " + at + " holds " + values[this.nonFinite] + " at position " + this.nonFinite
							+ ": every value must be a finite float");
		}
	}

	private void embedding(JsonToken token) {
		this.nonFinite = -1;
		if (token == JsonToken.VALUE_STRING) {
			this.vector = base64(parser().getStringCharacters(), parser().getStringOffset(),
					parser().getStringLength());
		}
		else if (token == JsonToken.START_ARRAY) {
			this.size = 0;
			mode(VECTOR);
		}
		else if (token == JsonToken.VALUE_NULL) {
			this.vector = null;
		}
		else {
			throw unreadable("embedding must be an array of numbers or a base64 string, not " + token);
		}
	}

	private void vector(JsonToken token) {
		if (token == JsonToken.END_ARRAY) {
			this.vector = Arrays.copyOf(this.floats, this.size);
			mode(ITEM);
			return;
		}
		if (token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_NUMBER_INT) {
			throw unreadable("embedding array holds a " + token);
		}
		if (this.size == this.floats.length) {
			this.floats = Arrays.copyOf(this.floats, Math.max(1024, this.size * 2));
		}
		float value = parser().getFloatValue();
		if (!Float.isFinite(value) && this.nonFinite < 0) {
			this.nonFinite = this.size;
		}
		this.floats[this.size++] = value;
	}

	private float[] base64(char[] chars, int offset, int length) {
		this.textChars = Math.max(this.textChars, length);
		byte[] bytes = narrow(chars, offset, length);
		int needed = length / 4 * 3 + 3;
		if (this.decoded.length < needed) {
			this.decoded = new byte[needed];
		}
		int decodedLength;
		try {
			decodedLength = BASE64.decode(bytes, this.decoded);
		}
		catch (IllegalArgumentException ex) {
			throw unreadable("embedding is not valid base64");
		}
		if (decodedLength % Float.BYTES != 0) {
			throw unreadable("base64 embedding has " + decodedLength + " bytes, not a multiple of 4");
		}
		float[] vector = new float[decodedLength / Float.BYTES];
		byte[] source = this.decoded;
		int exponents = 0;
		for (int i = 0; i < vector.length; i++) {
			int bits = (int) BITS.get(source, i * Float.BYTES);
			// the sign bit is set once any value has every exponent bit set: NaN or
			// infinite
			exponents |= (bits & EXPONENT) + EXPONENT_LOW_BIT;
			vector[i] = Float.intBitsToFloat(bits);
		}
		if (exponents < 0) {
			this.nonFinite = firstNonFinite(vector);
		}
		return vector;
	}

	private static int firstNonFinite(float[] vector) {
		for (int i = 0; i < vector.length; i++) {
			if (!Float.isFinite(vector[i])) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Copy the base64 characters into a reused array of exactly their length, for the
	 * JDK's decoder (an intrinsic, many times faster than a loop over the characters).
	 */
	private byte[] narrow(char[] chars, int offset, int length) {
		if (this.text.length != length) {
			this.text = new byte[length];
		}
		byte[] bytes = this.text;
		int all = 0;
		for (int i = 0; i < length; i++) {
			char c = chars[offset + i];
			all |= c;
			bytes[i] = (byte) c;
		}
		if (all > 0x7F) {
			throw unreadable("embedding is not valid base64");
		}
		return bytes;
	}

	@Override
	protected void captured(JsonParser values) {
		switch (mode()) {
			case DATA -> items().add(jsonMapper().readValue(values, EmbeddingItem.class));
			case ITEM -> this.index = jsonMapper().readValue(values, Integer.class);
			default -> {
				switch (this.property) {
					case "data" -> this.items = jsonMapper().readValue(values, ITEMS);
					case "model" -> this.model = jsonMapper().readValue(values, String.class);
					default -> this.usage = jsonMapper().readValue(values, EmbeddingUsage.class);
				}
			}
		}
	}

	private List<EmbeddingItem> items() {
		List<EmbeddingItem> list = this.items;
		if (list == null) {
			list = new ArrayList<>();
			this.items = list;
		}
		return list;
	}

}
