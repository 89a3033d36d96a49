package dev.customllm.sample.assistant;

import dev.customllm.agent.Document;
import dev.customllm.agent.LlmTool;
import dev.customllm.agent.LlmToolParam;

import org.springframework.stereotype.Component;

/**
 * The assistant's tool: the full text of a corpus document by id.
 *
 * @author Custom LLM team
 */
@Component
class DocumentLookup {

	private final CorpusIndex corpus;

	DocumentLookup(CorpusIndex corpus) {
		this.corpus = corpus;
	}

	@LlmTool(name = "lookup_document", description = "Return the full text of a document of the corpus by its id")
	String lookupDocument(@LlmToolParam(description = "the document's id, as in <document id=\"...\">") String id) {
		Document document = this.corpus.find(id);
		if (document == null) {
			throw new IllegalArgumentException("There is no document with id '" + id + "'");
		}
		return document.text();
	}

}
