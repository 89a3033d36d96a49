package dev.customllm.internal.completion;

import dev.customllm.completion.CompletionDefaults;
import dev.customllm.completion.CompletionRequest;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Merges a request with the model's defaults: a value set on the request wins.
 *
 * @author Custom LLM team
 */
final class Requests {

	private Requests() {
	}

	static @Nullable String model(CompletionRequest request, CompletionDefaults defaults) {
		return (request.model() != null) ? request.model() : defaults.model();
	}

	static @Nullable Double temperature(CompletionRequest request, CompletionDefaults defaults) {
		return (request.temperature() != null) ? request.temperature() : defaults.temperature();
	}

	static @Nullable Integer maxTokens(CompletionRequest request, CompletionDefaults defaults) {
		return (request.maxTokens() != null) ? request.maxTokens() : defaults.maxTokens();
	}

	static @Nullable List<String> stop(CompletionRequest request) {
		return request.stop().isEmpty() ? null : request.stop();
	}

}
