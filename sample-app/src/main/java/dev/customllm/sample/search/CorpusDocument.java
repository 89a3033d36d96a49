package dev.customllm.sample.search;

/**
 * A document of the bundled corpus, as stored in {@code corpus.json}.
 *
 * @param id unique identifier
 * @param title short title
 * @param text one to three sentences
 * @author Custom LLM team
 */
record CorpusDocument(String id, String title, String text) {

	/**
	 * Return the text to embed: the title followed by the text.
	 * @return the text to embed
	 */
	String embeddingText() {
		return this.title + ". " + this.text;
	}

}
