package dev.customllm.springai.docs;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmAuthenticationException;
import dev.customllm.LlmException;
import dev.customllm.completion.CompletionModel;
import dev.customllm.springai.CustomLlmChatModel;
import dev.customllm.springai.CustomLlmChatOptions;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;

/**
 * The other code of docs/spring-ai.md.
 */
class SpringAiSnippets {

	record Book(String title, String author, int year) {
	}

	void withoutSpringBoot() {
		try (CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl("http://localhost:8000/v1")
			.apiKey(System.getenv("CUSTOM_API_KEY"))
			.build()) {
			CompletionModel completionModel = client.completionModel("Qwen/Qwen2.5-7B-Instruct");
			ChatClient chatClient = ChatClient.create(new CustomLlmChatModel(completionModel));
			System.out.println(chatClient.prompt().user("Say hello").call().content());
		}
	}

	Book structuredOutput(ChatClient chatClient) {
		return chatClient.prompt()
			.user("Name a classic science fiction novel.")
			.options(ChatOptions.builder().temperature(0.0).maxTokens(200))
			.call()
			.entity(Book.class);
	}

	Book nativeStructuredOutput(ChatClient chatClient) {
		return chatClient.prompt()
			.user("Name a classic science fiction novel.")
			.call()
			.entity(Book.class, (spec) -> spec.useProviderStructuredOutput());
	}

	CustomLlmChatModel withDefaultOptions(CompletionModel completionModel) {
		return new CustomLlmChatModel(completionModel,
				CustomLlmChatOptions.builder().temperature(0.2).maxTokens(500).build(),
				ToolCallingManager.builder().build());
	}

	void usage(ChatClient chatClient) {
		ChatResponse response = chatClient.prompt().user("Say hello").call().chatResponse();
		System.out.println(response.getMetadata().getUsage().getTotalTokens() + " tokens, model "
				+ response.getMetadata().getModel());
	}

	String errors(ChatClient chatClient, String question) {
		try {
			return chatClient.prompt().user(question).call().content();
		}
		catch (LlmAuthenticationException ex) {
			throw new IllegalStateException("Check custom.llm.api-key", ex);
		}
		catch (LlmException ex) {
			// already retried underneath, as custom.llm.retry.* says: do not retry again
			return "The assistant is unavailable (" + ex.getMessage() + ")";
		}
	}

}
