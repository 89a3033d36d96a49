package dev.customllm.internal.json;

import java.io.OutputStream;
import java.util.Arrays;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The JSON mapper of the wire protocol. The client keeps its own rather than the
 * application's, so that an application's Jackson settings cannot change the protocol.
 *
 * @author Custom LLM team
 */
public final class LlmJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.addModule(new SimpleModule("custom-llm-records").setValueInstantiators(new RecordInstantiators()))
		.build();

	private LlmJson() {
	}

	/**
	 * Return the shared mapper.
	 * @return the mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

	/**
	 * The attribute that tells a writer of inline data (an image given by its bytes) that
	 * the body is only measured: the data's characters are counted apart.
	 */
	public static final String INLINE_DATA_MEASURED = "custom-llm.inline-data-measured";

	/**
	 * Write a request body that carries inline data (images given by their bytes) into
	 * one array of exactly its size: the body is measured first without the data, whose
	 * base64 characters are known, then written once, the data encoded straight into it.
	 * @param body the body
	 * @param inlineChars the base64 characters of the inline data, 0 for none
	 * @return the JSON bytes
	 * @throws IllegalArgumentException if the body cannot be written or is too large for
	 * one array
	 */
	public static byte[] write(Object body, long inlineChars) {
		if (inlineChars == 0) {
			return write(body);
		}
		try {
			CountingOutputStream measured = new CountingOutputStream();
			MAPPER.writer().withAttribute(INLINE_DATA_MEASURED, Boolean.TRUE).writeValue(measured, body);
			long size = measured.count + inlineChars;
			if (size > Integer.MAX_VALUE - 16) {
				throw new IllegalArgumentException("request of " + size + " bytes is too large to send");
			}
			ExactOutputStream out = new ExactOutputStream((int) size);
			MAPPER.writeValue(out, body);
			return out.toByteArray();
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("request cannot be written as JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * Counts the bytes written, keeping none.
	 */
	private static final class CountingOutputStream extends OutputStream {

		private long count;

		@Override
		public void write(int b) {
			this.count++;
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			this.count += length;
		}

	}

	/**
	 * Writes into one array of the size measured before, copied only if the size turns
	 * out different.
	 */
	private static final class ExactOutputStream extends OutputStream {

		private byte[] bytes;

		private int count;

		ExactOutputStream(int size) {
			this.bytes = new byte[size];
		}

		@Override
		public void write(int b) {
			ensure(1);
			this.bytes[this.count++] = (byte) b;
		}

		@Override
		public void write(byte[] source, int offset, int length) {
			ensure(length);
			System.arraycopy(source, offset, this.bytes, this.count, length);
			this.count += length;
		}

		private void ensure(int more) {
			if (this.count + more > this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, Math.max(this.count + more, this.bytes.length * 2));
			}
		}

		byte[] toByteArray() {
			return (this.count == this.bytes.length) ? this.bytes : Arrays.copyOf(this.bytes, this.count);
		}

	}

	/**
	 * Write a request body as JSON.
	 * @param body the body
	 * @return its JSON bytes
	 * @throws IllegalArgumentException if the body cannot be written as JSON
	 */
	public static byte[] write(Object body) {
		try {
			return MAPPER.writeValueAsBytes(body);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("request cannot be written as JSON: " + ex.getOriginalMessage(), ex);
		}
	}

}
