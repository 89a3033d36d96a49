package dev.customllm.sample.assistant;

import dev.customllm.LlmException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/assistant} {@code {"question": …}} → {@code {"answer": …}}, and
 * {@code GET /api/assistant/stream?question=…}: the answer as server-sent events, see
 * {@link AnswerEvents}. A failure of the LLM service once the stream has started ends it
 * with a {@code failure} event; closing the connection cancels the call.
 *
 * @author Custom LLM team
 */
@RestController
class AssistantController {

	private static final Log logger = LogFactory.getLog(AssistantController.class);

	private final AssistantService assistantService;

	AssistantController(AssistantService assistantService) {
		this.assistantService = assistantService;
	}

	@PostMapping("/api/assistant")
	Mono<AssistantResponse> answer(@RequestBody AssistantRequest request) {
		return this.assistantService.answer(request.question()).map(AssistantResponse::new);
	}

	@GetMapping(path = "/api/assistant/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<Object>> stream(@RequestParam(required = false) @Nullable String question) {
		return this.assistantService.streamAnswer(question)
			.concatMapIterable(AnswerEvents::of)
			.onErrorResume(LlmException.class, (ex) -> {
				logger.warn(ex.getMessage());
				return Flux.just(AnswerEvents.failure(ex));
			});
	}

}
