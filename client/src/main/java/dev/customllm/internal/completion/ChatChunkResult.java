package dev.customllm.internal.completion;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

import dev.customllm.completion.CompletionChunk;
import dev.customllm.internal.http.ErrorFieldAware;
import dev.customllm.internal.resilience.TokenCount;

/**
 * One event of a streamed {@code POST /chat/completions} answer
 * ({@code chat.completion.chunk}), as much of it as the client uses: its first choice
 * flattened, read by {@link ChatChunkReader} without building the rest.
 *
 * @param model the model that answers, if named
 * @param hasChoice whether the event has a first choice (the one with index 0, or the
 * first listed without an index)
 * @param finishReason the first choice's finish reason, if any
 * @param content the text its delta adds, if any
 * @param toolCalls the pieces of tool calls its delta adds, if any
 * @param usage the token usage, if the event reports it
 * @param reasoning the reasoning its delta adds ({@code reasoning_content} or
 * {@code reasoning}), if any
 * @param logprobs the log-probabilities of the tokens it adds, if any
 * @param errorField whether the event has a top-level {@code "error"} field (an object or
 * a string): the service failed mid-stream
 * @author Custom LLM team
 */
@JsonDeserialize(using = ChatChunkReader.class)
record ChatChunkResult(@Nullable String model, boolean hasChoice, @Nullable String finishReason,
		@Nullable String content, @Nullable List<ToolCallDelta> toolCalls, @Nullable UsageBody usage,
		@Nullable String reasoning, @Nullable List<TokenLogprobBody> logprobs,
		boolean errorField) implements StreamedResult, TokenCount, ErrorFieldAware {

	ChatChunkResult(@Nullable String model, boolean hasChoice, @Nullable String finishReason, @Nullable String content,
			@Nullable List<ToolCallDelta> toolCalls, @Nullable UsageBody usage) {
		this(model, hasChoice, finishReason, content, toolCalls, usage, null, null, false);
	}

	/**
	 * Return an event that tells of an error the service sent.
	 * @return the event
	 */
	static ChatChunkResult error() {
		return new ChatChunkResult(null, false, null, null, null, null, null, null, true);
	}

	@Override
	public @Nullable CompletionChunk addTo(ChunkAssembler assembler) {
		assembler.model(this.model).usage(this.usage);
		if (!this.hasChoice) {
			return null;
		}
		return assembler.finishReason(this.finishReason)
			.toolCalls(this.toolCalls)
			.delta(this.content, this.reasoning, this.logprobs);
	}

	/**
	 * The one place that tells whether a chat delta proves progress (and so resets the
	 * stream's idle timer): text, reasoning, tool-call parts ({@link DeltaContent}),
	 * usage or a finish reason.
	 */
	@Override
	public boolean carriesContent() {
		return DeltaContent.carries(this.content, this.reasoning, this.toolCalls) || this.usage != null
				|| this.finishReason != null;
	}

	@Override
	public @Nullable Long usedTokens() {
		return UsageBody.tokens(this.usage);
	}

}
