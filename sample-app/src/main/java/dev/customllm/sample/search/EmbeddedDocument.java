package dev.customllm.sample.search;

import dev.customllm.embedding.Embedding;

/**
 * A corpus document with its embedding.
 *
 * @param document the document
 * @param embedding its embedding
 * @author Custom LLM team
 */
record EmbeddedDocument(CorpusDocument document, Embedding embedding) {

}
