package dev.customllm.internal.embedding;

import dev.customllm.embedding.EncodingFormat;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.customllm.LlmApiException;

/**
 * Remembers, for one client, whether the service refused base64 embeddings. The first
 * refusal switches every later request of the client to {@link EncodingFormat#FLOAT}.
 *
 * @author Custom LLM team
 */
public final class EncodingNegotiation {

	private static final Log logger = LogFactory.getLog(EncodingNegotiation.class);

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
	 * @param model the model of the request, for the log
	 * @return {@code true} if the request should be sent again with {@code float}
	 */
	public boolean refusedBase64(Throwable failure, EncodingFormat sent, @Nullable String model) {
		if (sent != EncodingFormat.BASE64 || !(failure instanceof LlmApiException api)
				|| (api.status() != 400 && api.status() != 422)) {
			return false;
		}
		String text = (api.error().message() + " " + api.error().param()).toLowerCase(Locale.ROOT);
		boolean refused = text.contains("encoding_format") || text.contains("encoding format")
				|| text.contains("base64");
		if (refused && this.base64Refused.compareAndSet(false, true)) {
			logger.info("The embedding service refused base64 vectors (HTTP " + api.status() + ", model " + model
					+ "): this client asks for float from now on. Set custom.llm.embedding.encoding-format=float"
					+ " (or EmbeddingDefaults with EncodingFormat.FLOAT) to skip the refused request.");
		}
		return refused;
	}

}
