package dev.customllm.internal.embedding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.async.ByteBufferFeeder;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.TokenBuffer;

import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;
import dev.customllm.internal.http.AnswerParser;

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
 * handed to the JSON mapper as the records ({@link EmbeddingResult}, {@link EmbeddingItem},
 * {@link VectorDeserializer}) would read it, so that it is read or refused as before. Each
 * value is checked to be a finite float as it is read; the other checks of the vectors
 * (count, index, length) belong to {@link BatchReader}. Not thread-safe: one instance per
 * answer.
 *
 * @author Custom LLM team
 */
final class EmbeddingAnswerParser implements AnswerParser<EmbeddingResult> {

	private static final VarHandle BITS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

	private static final int EXPONENT = 0x7F800000;

	private static final int EXPONENT_LOW_BIT = 0x00800000;

	private static final Base64.Decoder BASE64 = Base64.getDecoder();

	/** What the non-blocking parser holds besides the text of the current value. */
	private static final int PARSER_WINDOW = 8192;

	private static final TypeReference<List<EmbeddingItem>> ITEMS = new TypeReference<>() {
	};

	/** Expecting the answer's value. */
	private static final int START = 0;

	/** In the answer's object. */
	private static final int ROOT = 1;

	/** In the {@code data} array. */
	private static final int DATA = 2;

	/** In an item of {@code data}. */
	private static final int ITEM = 3;

	/** In a vector of numbers. */
	private static final int VECTOR = 4;

	/** Skipping an unknown member's value. */
	private static final int SKIP = 5;

	/** Copying a value for the mapper. */
	private static final int CAPTURE = 6;

	/** After the answer's value. */
	private static final int DONE = 7;

	private final JsonMapper jsonMapper;

	private final JsonParser parser;

	private final ByteBufferFeeder feeder;

	private final boolean failOnTrailingTokens;

	private int mode = START;

	/** Where {@link #SKIP} and {@link #CAPTURE} return to. */
	private int returnMode;

	/** The open structures of a skipped or captured value. */
	private int depth;

	private String property = "";

	private @Nullable TokenBuffer captured;

	private @Nullable List<EmbeddingItem> items;

	private @Nullable String model;

	private @Nullable EmbeddingUsage usage;

	private @Nullable Integer index;

	private float @Nullable [] vector;

	/** The position of the current vector's first value that is not a finite float, or -1. */
	private int nonFinite = -1;

	private @Nullable EmbeddingResult result;

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
		this.jsonMapper = jsonMapper;
		this.parser = jsonMapper.tokenStreamFactory().createNonBlockingByteBufferParser(ObjectReadContext.empty());
		this.feeder = (ByteBufferFeeder) this.parser.nonBlockingInputFeeder();
		this.failOnTrailingTokens = jsonMapper.isEnabled(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
	}

	@Override
	public void feed(ByteBuffer bytes) {
		this.feeder.feedInput(bytes);
		drain();
	}

	@Override
	public @Nullable EmbeddingResult finish() {
		this.feeder.endOfInput();
		drain();
		if (this.mode != DONE) {
			throw unreadable("no JSON value in the answer");
		}
		return this.result;
	}

	@Override
	public long heldBytes() {
		return PARSER_WINDOW + 2 * this.textChars + this.text.length + this.decoded.length
				+ (long) this.floats.length * Float.BYTES;
	}

	@Override
	public void close() {
		this.parser.close();
	}

	private void drain() {
		JsonToken token;
		while ((token = this.parser.nextToken()) != JsonToken.NOT_AVAILABLE && token != null) {
			switch (this.mode) {
				case START -> start(token);
				case ROOT -> root(token);
				case DATA -> data(token);
				case ITEM -> item(token);
				case VECTOR -> vector(token);
				case SKIP -> skip(token);
				case CAPTURE -> capture(token);
				default -> {
					if (this.failOnTrailingTokens) {
						throw unreadable("trailing token (" + token + ") after the answer");
					}
				}
			}
		}
	}

	private void start(JsonToken token) {
		if (token == JsonToken.START_OBJECT) {
			this.mode = ROOT;
		}
		else if (token == JsonToken.VALUE_NULL) {
			this.mode = DONE;
		}
		else {
			startCapture(token, DONE);
		}
	}

	private void root(JsonToken token) {
		if (token == JsonToken.PROPERTY_NAME) {
			this.property = this.parser.currentName();
			return;
		}
		if (token == JsonToken.END_OBJECT) {
			this.result = new EmbeddingResult(this.items, this.model, this.usage);
			this.mode = DONE;
			return;
		}
		switch (this.property) {
			case "data" -> {
				if (token == JsonToken.START_ARRAY) {
					this.items = new ArrayList<>();
					this.mode = DATA;
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
					this.model = this.parser.getString();
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
			this.mode = ITEM;
		}
		else if (token == JsonToken.END_ARRAY) {
			this.property = "";
			this.mode = ROOT;
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
			this.property = this.parser.currentName();
			return;
		}
		if (token == JsonToken.END_OBJECT) {
			List<EmbeddingItem> list = items();
			checkFinite(list.size());
			list.add(new EmbeddingItem(this.index, this.vector));
			this.mode = DATA;
			return;
		}
		switch (this.property) {
			case "index" -> {
				if (token == JsonToken.VALUE_NUMBER_INT) {
					this.index = this.parser.getIntValue();
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
			throw new LlmResponseException(LlmOperation.EMBEDDINGS, "embedding " + at + " holds "
					+ values[this.nonFinite] + " at position " + this.nonFinite + ": every value must be a finite float");
		}
	}

	private void embedding(JsonToken token) {
		this.nonFinite = -1;
		if (token == JsonToken.VALUE_STRING) {
			this.vector = base64(this.parser.getStringCharacters(), this.parser.getStringOffset(),
					this.parser.getStringLength());
		}
		else if (token == JsonToken.START_ARRAY) {
			this.size = 0;
			this.mode = VECTOR;
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
			this.mode = ITEM;
			return;
		}
		if (token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_NUMBER_INT) {
			throw unreadable("embedding array holds a " + token);
		}
		if (this.size == this.floats.length) {
			this.floats = Arrays.copyOf(this.floats, Math.max(1024, this.size * 2));
		}
		float value = this.parser.getFloatValue();
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
			// the sign bit is set once any value has every exponent bit set: NaN or infinite
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
	 * Copy the base64 characters into a reused array of exactly their length, for the JDK's
	 * decoder (an intrinsic, many times faster than a loop over the characters).
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

	private void startSkip(JsonToken token, int returnTo) {
		if (token.isStructStart()) {
			this.depth = 1;
			this.returnMode = returnTo;
			this.mode = SKIP;
		}
	}

	private void skip(JsonToken token) {
		if (token.isStructStart()) {
			this.depth++;
		}
		else if (token.isStructEnd() && --this.depth == 0) {
			this.mode = this.returnMode;
		}
	}

	/**
	 * Copy a value of an unexpected shape, or of a small member read as a record, for the
	 * mapper.
	 */
	private void startCapture(JsonToken token, int returnTo) {
		this.captured = TokenBuffer.forBuffering(this.parser, ObjectReadContext.empty());
		this.depth = 0;
		this.returnMode = returnTo;
		this.mode = CAPTURE;
		capture(token);
	}

	private void capture(JsonToken token) {
		TokenBuffer buffer = this.captured;
		buffer.copyCurrentEvent(this.parser);
		if (token.isStructStart()) {
			this.depth++;
		}
		else if (token.isStructEnd()) {
			this.depth--;
		}
		if (this.depth > 0) {
			return;
		}
		this.captured = null;
		this.mode = this.returnMode;
		try (JsonParser values = buffer.asParser(ObjectReadContext.empty())) {
			captured(values);
		}
	}

	private void captured(JsonParser values) {
		switch (this.mode) {
			case DONE -> this.result = this.jsonMapper.readValue(values, EmbeddingResult.class);
			case DATA -> items().add(this.jsonMapper.readValue(values, EmbeddingItem.class));
			case ITEM -> this.index = this.jsonMapper.readValue(values, Integer.class);
			default -> {
				switch (this.property) {
					case "data" -> this.items = this.jsonMapper.readValue(values, ITEMS);
					case "model" -> this.model = this.jsonMapper.readValue(values, String.class);
					default -> this.usage = this.jsonMapper.readValue(values, EmbeddingUsage.class);
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

	private static LlmResponseException unreadable(String problem) {
		return new LlmResponseException(LlmOperation.EMBEDDINGS, "unreadable JSON answer: " + problem);
	}

}
