package dev.customllm.internal.completion;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;

/**
 * Picks the first choice of an answer: the one with index 0, or the first listed when the
 * service sends no indexes.
 *
 * @author Custom LLM team
 */
final class Choices {

	private Choices() {
	}

	static <C> C first(LlmOperation operation, @Nullable List<C> choices, Function<C, @Nullable Integer> index) {
		if (choices == null || choices.isEmpty()) {
			throw new LlmResponseException(operation, "answer has no choices");
		}
		C first = null;
		for (C choice : choices) {
			if (choice != null) {
				Integer value = index.apply(choice);
				if (value != null && value == 0) {
					return choice;
				}
				first = (first != null) ? first : choice;
			}
		}
		if (first == null) {
			throw new LlmResponseException(operation, "answer has only null choices");
		}
		return first;
	}

}
