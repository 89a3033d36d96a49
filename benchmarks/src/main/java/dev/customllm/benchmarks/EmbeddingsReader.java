package dev.customllm.benchmarks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.async.ByteBufferFeeder;
import tools.jackson.core.json.JsonFactory;

/**
 * The floor's embeddings reader: one answer parsed as its network buffers arrive, with
 * Jackson's non-blocking parser fed each {@link ByteBuf} in place. A base64 vector is
 * decoded from the parser's characters into a scratch buffer reused for every vector and
 * read as little-endian floats through a {@link VarHandle}; a float array is read into a
 * reused scratch array. Nothing the size of the answer is ever held: only the parser's
 * window, one vector's base64 text and bytes, and the vectors themselves. The characters
 * are narrowed into a reused byte array for the JDK's decoder: a loop over the characters
 * cost 6–7 µs per vector of 1,536 floats, narrowing then {@link Base64} 3 µs.
 *
 * @author Custom LLM team
 */
final class EmbeddingsReader {

	private static final JsonFactory JSON = new JsonFactory();

	private static final VarHandle FLOATS = MethodHandles.byteArrayViewVarHandle(float[].class,
			ByteOrder.LITTLE_ENDIAN);

	private static final Base64.Decoder BASE64 = Base64.getDecoder();

	private final JsonParser parser = JSON.createNonBlockingByteBufferParser(ObjectReadContext.empty());

	private final ByteBufferFeeder feeder = (ByteBufferFeeder) this.parser.nonBlockingInputFeeder();

	private final float[][] vectors;

	private byte[] text = new byte[0];

	private byte[] scratch = new byte[8192];

	private float[] floats = new float[2048];

	private int size = -1;

	private String property = "";

	private int index = -1;

	private float @Nullable [] vector;

	EmbeddingsReader(int count) {
		this.vectors = new float[count][];
	}

	/**
	 * Parse what a buffer holds; the buffer is not kept.
	 * @param buffer the next bytes of the answer
	 */
	void feed(ByteBuf buffer) {
		if (buffer.nioBufferCount() == 1) {
			feed(buffer.internalNioBuffer(buffer.readerIndex(), buffer.readableBytes()));
			return;
		}
		for (ByteBuffer nio : buffer.nioBuffers()) {
			feed(nio);
		}
	}

	private void feed(ByteBuffer nio) {
		this.feeder.feedInput(nio);
		drain();
	}

	/**
	 * Finish the answer.
	 * @return the vectors, placed by their {@code index}
	 */
	float[][] finish() {
		this.feeder.endOfInput();
		drain();
		this.parser.close();
		return this.vectors;
	}

	private void drain() {
		JsonToken token;
		while ((token = this.parser.nextToken()) != JsonToken.NOT_AVAILABLE && token != null) {
			if (this.size >= 0) {
				floatArray(token);
			}
			else if (token == JsonToken.PROPERTY_NAME) {
				this.property = this.parser.currentName();
			}
			else if (token == JsonToken.VALUE_NUMBER_INT && "index".equals(this.property)) {
				this.index = this.parser.getIntValue();
				place();
			}
			else if ("embedding".equals(this.property)) {
				embedding(token);
			}
		}
	}

	private void embedding(JsonToken token) {
		if (token == JsonToken.VALUE_STRING) {
			this.vector = base64(this.parser.getStringCharacters(), this.parser.getStringOffset(),
					this.parser.getStringLength());
			place();
		}
		else if (token == JsonToken.START_ARRAY) {
			this.size = 0;
		}
	}

	private void floatArray(JsonToken token) {
		if (token == JsonToken.END_ARRAY) {
			this.vector = Arrays.copyOf(this.floats, this.size);
			this.size = -1;
			this.property = "";
			place();
			return;
		}
		if (this.size == this.floats.length) {
			this.floats = Arrays.copyOf(this.floats, this.size * 2);
		}
		this.floats[this.size++] = this.parser.getFloatValue();
	}

	private void place() {
		if (this.index >= 0 && this.vector != null) {
			this.vectors[this.index] = this.vector;
			this.index = -1;
			this.vector = null;
		}
	}

	private float[] base64(char[] chars, int offset, int length) {
		int bytes = BASE64.decode(narrow(chars, offset, length), scratch(length));
		float[] vector = new float[bytes / Float.BYTES];
		for (int i = 0; i < vector.length; i++) {
			vector[i] = (float) FLOATS.get(this.scratch, i * Float.BYTES);
		}
		return vector;
	}

	/**
	 * Copy the base64 characters into a reused array of exactly their length, for the
	 * JDK's decoder (an intrinsic, many times faster than a loop over characters).
	 */
	private byte[] narrow(char[] chars, int offset, int length) {
		if (this.text.length != length) {
			this.text = new byte[length];
		}
		byte[] text = this.text;
		int all = 0;
		for (int i = 0; i < length; i++) {
			char c = chars[offset + i];
			all |= c;
			text[i] = (byte) c;
		}
		if (all > 0x7F) {
			throw new IllegalStateException("not base64: a character beyond ASCII");
		}
		return text;
	}

	private byte[] scratch(int length) {
		int needed = length / 4 * 3;
		if (this.scratch.length < needed) {
			this.scratch = new byte[needed];
		}
		return this.scratch;
	}

}
