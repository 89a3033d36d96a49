package dev.customllm.springai.autoconfigure;

import dev.customllm.autoconfigure.CustomLlmConfigurationException;
import dev.customllm.springai.CustomLlmEmbeddingModel;

/**
 * Learns the dimensions of a Spring AI embedding model while the application starts,
 * before any vector store asks for them: a store that cannot learn them (Spring AI's
 * {@code PgVectorStore}) falls back to a guess, and a table of the wrong size refuses
 * every later insert. So a probe that fails stops the start-up instead.
 *
 * @author Custom LLM team
 */
final class EmbeddingDimensions {

	private EmbeddingDimensions() {
	}

	/**
	 * Return the model once its dimensions are known: configured, or probed now.
	 * @param model the model
	 * @param prefix the property prefix of its client, for the message
	 * @return the model
	 * @throws CustomLlmConfigurationException if the probe failed
	 */
	static CustomLlmEmbeddingModel known(CustomLlmEmbeddingModel model, String prefix) {
		try {
			model.dimensions();
			return model;
		}
		catch (IllegalStateException ex) {
			throw new CustomLlmConfigurationException(
					"The dimensions of the Spring AI embedding model of '" + prefix
							+ "' are not configured and could not be learned from the service: " + ex.getCause(),
					"Set '" + prefix + ".embedding.dimensions' to the length of the model's vectors (for example"
							+ " 1536), so that the application starts without asking the service and no vector store"
							+ " creates its table with a guessed size.");
		}
	}

}
