package dev.customllm.springai;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.CompletionResponse;
import dev.customllm.completion.ToolCall;
import dev.customllm.completion.Usage;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * Turns answers and stream chunks into Spring AI {@link ChatResponse}s. Finish reasons
 * are upper-cased ({@code STOP}, {@code LENGTH}, {@code TOOL_CALLS}) as Spring AI's
 * OpenAI model reports them.
 *
 * @author Custom LLM team
 */
final class ResponseConverter {

	private static final String TOOL_CALL_TYPE = "function";

	/**
	 * Key of the reasoning in the assistant message's metadata, where Spring AI's OpenAI
	 * and DeepSeek integrations and their users look for it.
	 */
	static final String REASONING_CONTENT = "reasoningContent";

	private ResponseConverter() {
	}

	static ChatResponse convert(CompletionResponse response) {
		Generation generation = generation(response.text(), response.reasoning(), response.toolCalls(),
				response.finishReason());
		return new ChatResponse(List.of(generation), metadata(response.id(), response.model(), response.usage()));
	}

	static ChatResponse convert(CompletionChunk chunk) {
		Generation generation = generation(chunk.text(), chunk.reasoning(), chunk.toolCalls(), chunk.finishReason());
		if (!chunk.last()) {
			return new ChatResponse(List.of(generation));
		}
		return new ChatResponse(List.of(generation), metadata(null, chunk.model(), chunk.usage()));
	}

	private static Generation generation(String text, @Nullable String reasoning, List<ToolCall> toolCalls,
			@Nullable String finishReason) {
		AssistantMessage message = AssistantMessage.builder()
			.content(text)
			.properties((reasoning != null) ? Map.of(REASONING_CONTENT, reasoning) : Map.of())
			.toolCalls(toolCalls.stream()
				.map((call) -> new AssistantMessage.ToolCall(call.id(), TOOL_CALL_TYPE, call.name(), call.arguments()))
				.toList())
			.build();
		String reason = (finishReason != null) ? finishReason.toUpperCase(Locale.ROOT) : null;
		return new Generation(message, ChatGenerationMetadata.builder().finishReason(reason).build());
	}

	private static ChatResponseMetadata metadata(@Nullable String id, @Nullable String model, @Nullable Usage usage) {
		ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder();
		if (id != null) {
			metadata.id(id);
		}
		if (model != null) {
			metadata.model(model);
		}
		if (usage != null) {
			metadata
				.usage(new DefaultUsage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens(), usage));
		}
		return metadata.build();
	}

}
