package dev.customllm.internal.completion;

import java.nio.ByteBuffer;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

import dev.customllm.internal.json.LlmJson;

/**
 * Writes the {@code image_url} object of an image part. An image given by its bytes is
 * base64-encoded piece by piece straight into the body as its {@code data:} URL, never
 * held whole as a string; while {@link LlmJson#write(Object, long)} only measures the
 * body, its characters are left out (they are counted apart).
 *
 * @author Custom LLM team
 */
final class ImageUrlWriter extends ValueSerializer<ImageUrlBody> {

	/**
	 * Bytes encoded at a time: a multiple of 3, so that only the last piece is padded.
	 */
	private static final int PIECE = 3 * 16 * 1024;

	@Override
	public void serialize(ImageUrlBody body, JsonGenerator generator, SerializationContext context) {
		generator.writeStartObject();
		generator.writeName("url");
		ByteBuffer data = body.part().imageData();
		String url = body.url();
		if (data == null && url != null) {
			generator.writeString(url);
		}
		else if (data != null) {
			generator.writeRawValue("\"data:" + body.part().imageType() + ";base64,");
			if (context.getAttribute(LlmJson.INLINE_DATA_MEASURED) == null) {
				encode(data, generator);
			}
			generator.writeRaw('"');
		}
		String detail = body.part().detail();
		if (detail != null) {
			generator.writeStringProperty("detail", detail);
		}
		generator.writeEndObject();
	}

	private static void encode(ByteBuffer data, JsonGenerator generator) {
		Base64.Encoder encoder = Base64.getEncoder();
		byte[] piece = new byte[Math.min(PIECE, data.remaining())];
		byte[] encoded = new byte[4 * (piece.length / 3 + 1)];
		char[] chars = new char[encoded.length];
		while (data.hasRemaining()) {
			int length = Math.min(piece.length, data.remaining());
			byte[] source = (length == piece.length) ? piece : new byte[length];
			data.get(source, 0, length);
			int written = encoder.encode(source, encoded);
			for (int i = 0; i < written; i++) {
				chars[i] = (char) encoded[i];
			}
			generator.writeRaw(chars, 0, written);
		}
	}

	@Override
	public boolean isEmpty(SerializationContext context, @Nullable ImageUrlBody value) {
		return value == null;
	}

}
