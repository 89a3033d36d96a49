package dev.customllm.embedding;

/**
 * How vectors are asked for on the wire. Answers are read by their shape, whatever was
 * asked.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public enum EncodingFormat {

	/**
	 * Base64 of little-endian float32 values: a quarter of the bytes of JSON floats.
	 */
	BASE64("base64"),

	/**
	 * JSON arrays of numbers.
	 */
	FLOAT("float");

	private final String value;

	EncodingFormat(String value) {
		this.value = value;
	}

	/**
	 * Return the value of {@code encoding_format} on the wire.
	 * @return the wire value
	 */
	public String value() {
		return this.value;
	}

}
