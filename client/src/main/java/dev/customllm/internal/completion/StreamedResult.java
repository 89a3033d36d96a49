package dev.customllm.internal.completion;

import dev.customllm.completion.CompletionChunk;
import dev.customllm.internal.http.ContentEvent;
import org.jspecify.annotations.Nullable;

/**
 * One event of a streamed answer, as read from the wire.
 *
 * @author Custom LLM team
 */
interface StreamedResult extends ContentEvent {

	/**
	 * Add what this event tells to the answer being assembled.
	 * @param assembler the assembler of the answer
	 * @return the chunk to pass on now, or {@code null} when the event carries no text
	 */
	@Nullable CompletionChunk addTo(ChunkAssembler assembler);

	/**
	 * Return whether this event carries content: a piece of text, of reasoning or of a
	 * tool call, as {@link DeltaContent#carries} decides, usage or the end. An event
	 * without (an empty delta, a role alone) shows the connection is open, not that the
	 * model works, and does not reset the stream's idle timer.
	 * @return whether the event carries content
	 */
	@Override
	boolean carriesContent();

}
