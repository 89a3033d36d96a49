package dev.customllm.internal.completion;

import dev.customllm.internal.resilience.TokenCount;
import dev.customllm.completion.CompletionChunk;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * One event of a streamed {@code POST /chat/completions} answer
 * ({@code chat.completion.chunk}).
 *
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ChatChunkResult(@Nullable String model, @Nullable List<ChatChunkChoice> choices,
		@Nullable UsageBody usage) implements StreamedResult, TokenCount {

	@Override
	public @Nullable CompletionChunk addTo(ChunkAssembler assembler) {
		assembler.model(this.model).usage(this.usage);
		ChatChunkChoice choice = ChunkAssembler.firstChoice(this.choices, ChatChunkChoice::index);
		if (choice == null) {
			return null;
		}
		assembler.finishReason(choice.finishReason());
		ChatChunkDelta delta = choice.delta();
		return (delta != null) ? assembler.toolCalls(delta.toolCalls()).text(delta.content()) : null;
	}

	@Override
	public @Nullable Long usedTokens() {
		return UsageBody.tokens(this.usage);
	}

}
