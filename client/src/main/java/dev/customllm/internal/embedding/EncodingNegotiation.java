package dev.customllm.internal.embedding;

import dev.customllm.embedding.EncodingFormat;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.customllm.LlmApiException;

/**
 * Remembers, for one client, whether the service refused base64 embeddings. The first
 * refusal switches every later request of the client to {@link EncodingFormat#FLOAT}.
 *
 * @author Custom LLM team
 */
public final class EncodingNegotiation {

	private final AtomicBoolean base64Refused = new AtomicBoolean();

	/**
	 * Return the encoding to ask for.
	 * @param configured the configured encoding
	 * @return the configured encoding, or {@link EncodingFormat#FLOAT} once base64 was
	 * refused
	 */
	public EncodingFormat choose(EncodingFormat configured) {
		return this.base64Refused.get() ? EncodingFormat.FLOAT : configured;
	}

	/**
	 * Record a failure and tell whether it was a refusal of base64 that a request with
	 * {@link EncodingFormat#FLOAT} may overcome.
	 * @param failure the failure of a request
	 * @param sent the encoding that request asked for
	 * @return {@code true} if the request should be sent again with {@code float}
	 */
	public boolean refusedBase64(Throwable failure, EncodingFormat sent) {
		if (sent != EncodingFormat.BASE64 || !(failure instanceof LlmApiException api)
				|| (api.status() != 400 && api.status() != 422)) {
			return false;
		}
		String text = (api.error().message() + " " + api.error().param()).toLowerCase(Locale.ROOT);
		boolean refused = text.contains("encoding_format") || text.contains("encoding format")
				|| text.contains("base64");
		if (refused) {
			this.base64Refused.set(true);
		}
		return refused;
	}

}
