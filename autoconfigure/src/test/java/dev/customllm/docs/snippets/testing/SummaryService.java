package dev.customllm.docs;

import dev.customllm.completion.CompletionModel;

import org.springframework.stereotype.Service;

/**
 * The service of the "Testing your app" example in the README.
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
