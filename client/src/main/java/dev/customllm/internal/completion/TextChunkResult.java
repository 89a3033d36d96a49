package dev.customllm.internal.completion;

import dev.customllm.internal.resilience.TokenCount;
import dev.customllm.completion.CompletionChunk;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * One event of a streamed {@code POST /completions} answer.
 *
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record TextChunkResult(@Nullable String model, @Nullable List<TextChoice> choices,
		@Nullable UsageBody usage) implements StreamedResult, TokenCount {

	@Override
	public @Nullable CompletionChunk addTo(ChunkAssembler assembler) {
		assembler.model(this.model).usage(this.usage);
		TextChoice choice = ChunkAssembler.firstChoice(this.choices, TextChoice::index);
		if (choice == null) {
			return null;
		}
		return assembler.finishReason(choice.finishReason()).textDelta(choice.text(), choice.logprobs());
	}

	@Override
	public boolean carriesContent() {
		TextChoice choice = ChunkAssembler.firstChoice(this.choices, TextChoice::index);
		return this.usage != null || (choice != null
				&& ((choice.text() != null && !choice.text().isEmpty()) || choice.finishReason() != null));
	}

	@Override
	public @Nullable Long usedTokens() {
		return UsageBody.tokens(this.usage);
	}

}
