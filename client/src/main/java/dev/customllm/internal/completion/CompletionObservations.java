package dev.customllm.internal.completion;

import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.CompletionResponse;
import dev.customllm.completion.Message;
import dev.customllm.completion.Usage;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.customllm.LlmOperation;
import dev.customllm.observation.LlmObservationContext;
import dev.customllm.internal.telemetry.LlmTelemetry;

/**
 * Records completions on their observation: what was asked and what came back.
 *
 * @author Custom LLM team
 */
final class CompletionObservations {

	private CompletionObservations() {
	}

	static LlmTelemetry.Call call(LlmOperation operation, @Nullable String model, List<Message> messages,
			@Nullable String prompt) {
		return new LlmTelemetry.Call(operation, model, () -> promptText(messages, prompt));
	}

	static void answer(LlmTelemetry telemetry, LlmObservationContext context, CompletionResponse response) {
		record(context, response.model(), response.usage());
		if (telemetry.includeContent()) {
			context.setCompletion(response.text());
		}
	}

	static void chunk(LlmObservationContext context, CompletionChunk chunk) {
		if (chunk.last()) {
			record(context, chunk.model(), chunk.usage());
		}
		else if (chunk.model() != null) {
			// kept even when the caller cancels before the last chunk
			context.setResponseModel(chunk.model());
		}
	}

	private static void record(LlmObservationContext context, @Nullable String model, @Nullable Usage usage) {
		context.setResponseModel(model);
		if (usage != null) {
			context.setTokens(usage.promptTokens(), usage.completionTokens());
			if (usage.cachedTokens() != null || usage.reasoningTokens() != null) {
				context.setTokenDetails(usage.cachedTokens(), usage.reasoningTokens());
			}
		}
	}

	private static String promptText(List<Message> messages, @Nullable String prompt) {
		if (prompt != null) {
			return prompt;
		}
		return messages.isEmpty() ? "" : messages.get(messages.size() - 1).content();
	}

}
