package dev.customllm.springai.docs;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * The named clients example of docs/spring-ai.md: one Spring AI model per named client.
 */
class ModelRouter {

	private final ChatClient fast;

	private final ChatClient strong;

	ModelRouter(@Qualifier("fast") ChatModel fast, @Qualifier("strong") ChatModel strong) {
		this.fast = ChatClient.create(fast);
		this.strong = ChatClient.create(strong);
	}

	String answer(String question, boolean hard) {
		return (hard ? this.strong : this.fast).prompt().user(question).call().content();
	}

}
