package dev.customllm.benchmarks;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.springai.CustomLlmChatModel;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Spring AI over the library: its {@code ChatModel} alone (the adapter's own mapping), or
 * a {@link ChatClient} on it (what a Spring AI application calls). Chat and streams only.
 *
 * @author Custom LLM team
 */
final class SpringAiContender implements Contender {

	private final LibraryContender library;

	private final CustomLlmChatModel chatModel;

	private final ChatClient chatClient;

	private final boolean useChatClient;

	SpringAiContender(ContenderSettings settings, boolean useChatClient) {
		this.library = new LibraryContender(settings);
		this.chatModel = new CustomLlmChatModel(this.library.completionModel());
		this.chatClient = ChatClient.create(this.chatModel);
		this.useChatClient = useChatClient;
	}

	@Override
	public String name() {
		return this.useChatClient ? "spring-ai-chat-client" : "spring-ai-chat-model";
	}

	@Override
	public Mono<String> chat(String prompt) {
		if (this.useChatClient) {
			return Mono.fromCallable(() -> this.chatClient.prompt().user(prompt).call().content());
		}
		return Mono.fromCallable(() -> this.chatModel.call(new Prompt(new UserMessage(prompt))))
			.map((response) -> response.getResult().getOutput().getText());
	}

	@Override
	public Flux<String> stream(String prompt) {
		if (this.useChatClient) {
			return this.chatClient.prompt().user(prompt).stream().content();
		}
		return this.chatModel.stream(new Prompt(new UserMessage(prompt)))
			.map((response) -> response.getResult().getOutput().getText());
	}

	@Override
	public Mono<? extends List<?>> embedAll(List<String> texts) {
		return Mono.error(new UnsupportedOperationException("The Spring AI contenders compare chat calls only"));
	}

	@Override
	public void close() {
		this.library.close();
	}

}
