package dev.customllm.docs.snippets.responses;

import dev.customllm.CustomLlmClient;
import dev.customllm.completion.CompletionApi;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.CompletionResponse;

/**
 * The code of docs/responses-api.md.
 */
class ResponsesSnippets {

	CustomLlmClient client(String baseUrl, String apiKey) {
		CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl(baseUrl)
			.apiKey(apiKey)
			.completionApi(CompletionApi.RESPONSES)
			.build();
		return client;
	}

	String thinkThenAnswer(CompletionModel completionModel) {
		CompletionResponse response = completionModel.complete(CompletionRequest.builder()
			.system("Answer in one sentence.")
			.prompt("Why is the sky blue?")
			.reasoningEffort("low")
			.build());
		// the reasoning summary, and the tokens spent on it
		String summary = response.reasoning();
		Integer reasoningTokens = response.usage().reasoningTokens();
		return summary + " (" + reasoningTokens + " tokens) -> " + response.text();
	}

}
