package dev.customllm.completion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;
import dev.customllm.internal.json.StructuredAnswers;

/**
 * A completion whose answer is read as a Java type: the request asks for the type's
 * schema unless it names a format, the answer is checked and bound, and an unusable
 * answer is sent back to the model with what was wrong, as many times as the request
 * allows.
 *
 * @author Custom LLM team
 */
final class StructuredCompletion {

	static final String REPAIR_INSTRUCTION = "That answer cannot be used: %s. Answer again with only the JSON value, "
			+ "matching the schema, and nothing around it.";

	private StructuredCompletion() {
	}

	static <T> Mono<T> complete(CompletionModel model, CompletionRequest request, Class<T> type) {
		return Mono.defer(() -> {
			CompletionRequest structured = structured(request, type);
			return attempt(model, structured, schema(structured, type), type, structured.repairAttempts());
		});
	}

	private static CompletionRequest structured(CompletionRequest request, Class<?> type) {
		if (request == null || type == null) {
			throw new IllegalArgumentException("request and type must not be null");
		}
		if (request.responseFormat() != null) {
			return request;
		}
		return copy(request, request.messages(), request.prompt(), ResponseFormat.of(type));
	}

	private static <T> Mono<T> attempt(CompletionModel model, CompletionRequest request, Map<String, Object> schema,
			Class<T> type, int repairs) {
		if (repairs == 0) {
			return model.completeAsync(request)
				.map((response) -> StructuredAnswers.read(LlmOperation.CHAT, response.text(), schema, type));
		}
		return model.completeAsync(request).flatMap((response) -> {
			try {
				return Mono.just(StructuredAnswers.read(LlmOperation.CHAT, response.text(), schema, type));
			}
			catch (LlmResponseException ex) {
				return attempt(model, repair(request, response.text(), ex.problem()), schema, type, repairs - 1);
			}
		});
	}

	private static Map<String, Object> schema(CompletionRequest request, Class<?> type) {
		ResponseFormat format = request.responseFormat();
		Map<String, Object> schema = (format != null) ? format.schema() : null;
		return (schema != null) ? schema
				: Objects.requireNonNull(ResponseFormat.of(type).schema(), "a generated format has a schema");
	}

	private static CompletionRequest repair(CompletionRequest request, String answer, String problem) {
		List<Message> messages = new ArrayList<>(request.messages());
		if (request.prompt() != null) {
			messages.add(Message.user(request.prompt()));
		}
		messages.add(Message.assistant(answer));
		messages.add(Message.user(REPAIR_INSTRUCTION.formatted(problem)));
		return copy(request, messages, null, request.responseFormat());
	}

	private static CompletionRequest copy(CompletionRequest request, List<Message> messages, @Nullable String prompt,
			@Nullable ResponseFormat format) {
		return new CompletionRequest(request.model(), messages, prompt, request.temperature(), request.maxTokens(),
				request.topP(), request.stop(), request.seed(), request.extra(), request.tools(), request.toolChoice(),
				format, request.repairAttempts());
	}

}
