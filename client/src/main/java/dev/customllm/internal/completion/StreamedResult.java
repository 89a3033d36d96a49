package dev.customllm.internal.completion;

import dev.customllm.completion.CompletionChunk;
import org.jspecify.annotations.Nullable;

/**
 * One event of a streamed answer, as read from the wire.
 *
 * @author Custom LLM team
 */
interface StreamedResult {

	/**
	 * Add what this event tells to the answer being assembled.
	 * @param assembler the assembler of the answer
	 * @return the chunk to pass on now, or {@code null} when the event carries no text
	 */
	@Nullable CompletionChunk addTo(ChunkAssembler assembler);

}
