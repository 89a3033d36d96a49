package dev.customllm.agent;

/**
 * A document an agent can be given as context.
 *
 * @param id identifier of the document, shown to the model
 * @param text text of the document
 * @author Custom LLM team
 * @since 0.1.0
 */
public record Document(String id, String text) {

	public Document {
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("document id must not be blank");
		}
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("document text must not be blank (document " + id + ")");
		}
	}

}
