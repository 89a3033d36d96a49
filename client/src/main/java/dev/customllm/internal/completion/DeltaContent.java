package dev.customllm.internal.completion;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The one rule of what counts as content in a streamed answer, whichever API it comes
 * from: a non-empty piece of text, a non-empty piece of reasoning (a model thinking for
 * minutes is working), or a piece of a tool call. Chunks are handed on for text and
 * reasoning; the stream's liveness and memory rules count all three alike.
 *
 * @author Custom LLM team
 */
final class DeltaContent {

	private DeltaContent() {
	}

	/**
	 * Return whether a delta carries content.
	 * @param text the text it adds, if any
	 * @param reasoning the reasoning it adds, if any
	 * @param toolCalls the pieces of tool calls it adds, if any
	 * @return whether any of them is not empty
	 */
	static boolean carries(@Nullable String text, @Nullable String reasoning, @Nullable List<?> toolCalls) {
		return isChunk(text, reasoning) || (toolCalls != null && !toolCalls.isEmpty());
	}

	/**
	 * Return whether a delta makes a chunk of its own: it adds text or reasoning.
	 * @param text the text it adds, if any
	 * @param reasoning the reasoning it adds, if any
	 * @return whether either is not empty
	 */
	static boolean isChunk(@Nullable String text, @Nullable String reasoning) {
		return (text != null && !text.isEmpty()) || (reasoning != null && !reasoning.isEmpty());
	}

}
