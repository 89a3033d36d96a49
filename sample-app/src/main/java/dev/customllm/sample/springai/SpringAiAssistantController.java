package dev.customllm.sample.springai;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/spring-ai/assistant} {@code {"question": …}} → {@code {"answer": …}}:
 * the question through Spring AI's {@link ChatClient}, on the auto-configured
 * {@code CustomLlmChatModel}. Its blocking call runs off the event loop.
 *
 * @author Custom LLM team
 */
@RestController
class SpringAiAssistantController {

	static final String INSTRUCTIONS = "You answer questions about Spring, in two sentences at most.";

	private final ChatClient chatClient;

	SpringAiAssistantController(ChatModel chatModel) {
		this.chatClient = ChatClient.builder(chatModel).defaultSystem(INSTRUCTIONS).build();
	}

	@PostMapping("/api/spring-ai/assistant")
	Mono<Answer> answer(@RequestBody Question request) {
		return Mono.fromCallable(() -> new Answer(ask(request.question()))).subscribeOn(Schedulers.boundedElastic());
	}

	private @Nullable String ask(@Nullable String question) {
		if (question == null || question.isBlank()) {
			throw new IllegalArgumentException("question must not be blank");
		}
		return this.chatClient.prompt().user(question).call().content();
	}

	record Question(@Nullable String question) {
	}

	record Answer(@Nullable String answer) {
	}

}
