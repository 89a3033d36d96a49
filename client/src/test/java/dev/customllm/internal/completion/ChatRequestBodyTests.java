package dev.customllm.internal.completion;

import org.junit.jupiter.api.Test;

import dev.customllm.completion.CompletionDefaults;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.Message;
import dev.customllm.internal.json.LlmJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What the chat and text request bodies carry of reasoning and log-probabilities.
 */
class ChatRequestBodyTests {

	@Test
	void reasoningIsSentOnlyWithTheAssistantMessagesThatCarryIt() {
		CompletionRequest request = CompletionRequest.builder()
			.messages(java.util.List.of(Message.user("Hi"), Message.assistant("Hello"),
					Message.builder().role("assistant").content("").reasoning("thought").build()))
			.build();
		String body = new String(LlmJson.write(ChatCompletionBody.of(request, CompletionDefaults.NONE)));
		assertThat(body).containsOnlyOnce("reasoning_content").contains("\"reasoning_content\":\"thought\"");
	}

	@Test
	void logprobsAreSentAsTheChatAndTextApisNameThem() {
		CompletionRequest plain = CompletionRequest.of("Hi");
		CompletionRequest asked = plain.toBuilder().logprobs(true).topLogprobs(3).build();
		assertThat(json(ChatCompletionBody.of(plain, CompletionDefaults.NONE))).doesNotContain("logprobs");
		assertThat(json(ChatCompletionBody.of(asked, CompletionDefaults.NONE))).contains("\"logprobs\":true",
				"\"top_logprobs\":3");
		assertThat(json(TextCompletionBody.of(asked, CompletionDefaults.NONE))).contains("\"logprobs\":3")
			.doesNotContain("top_logprobs");
		assertThat(json(TextCompletionBody.of(plain.toBuilder().logprobs(true).build(), CompletionDefaults.NONE)))
			.contains("\"logprobs\":0");
		assertThat(json(ChatCompletionBody.of(asked, CompletionDefaults.NONE).streaming(true)))
			.contains("\"logprobs\":true");
	}

	@Test
	void topLogprobsNeedLogprobsAndAreNotNegative() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CompletionRequest.builder().prompt("Hi").topLogprobs(2).build())
			.withMessageContaining("logprobs(true)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CompletionRequest.builder().prompt("Hi").logprobs(true).topLogprobs(-1).build())
			.withMessageContaining("topLogprobs");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CompletionRequest.builder().prompt("Hi").extra("top_logprobs", 2).build())
			.withMessageContaining("typed setter");
	}

	private static String json(Object body) {
		return new String(LlmJson.write(body));
	}

}
