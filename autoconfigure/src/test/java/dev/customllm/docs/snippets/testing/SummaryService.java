package dev.customllm.docs.snippets.testing;

import dev.customllm.completion.CompletionModel;

import org.springframework.stereotype.Service;

/**
 * The service of the complete test of docs/testing.md.
 */
@Service
class SummaryService {

	private final CompletionModel completionModel;

	SummaryService(CompletionModel completionModel) {
		this.completionModel = completionModel;
	}

	String summarize(String text) {
		return this.completionModel.complete("Summarize in one sentence:\n" + text);
	}

}
