package dev.customllm.completion;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One part of a streamed answer. Every chunk but the last carries a non-empty piece of
 * text; the last one, always present, carries what is known only at the end: the finish
 * reason, the token usage and the tool calls, and possibly no text.
 *
 * <pre class="code">
 * model.stream(CompletionRequest.of("Tell me a story"))
 *     .map(CompletionChunk::text)
 *     .subscribe(System.out::print);
 * </pre>
 *
 * @param text the next piece of the answer's text, possibly empty on the last chunk
 * @param last whether this is the last chunk of the answer
 * @param finishReason why the model stopped ({@code stop}, {@code length},
 * {@code tool_calls}, ...), on the last chunk if the service said
 * @param usage token counts, on the last chunk if the service reported them
 * @param toolCalls whole tool calls the model asked for, on the last chunk; otherwise
 * empty
 * @param model model that produced the answer, on every chunk once the service named it
 * @author Custom LLM team
 */
public record CompletionChunk(String text, boolean last, @Nullable String finishReason, @Nullable Usage usage,
		List<ToolCall> toolCalls, @Nullable String model) {

	public CompletionChunk {
		if (text == null) {
			throw new IllegalArgumentException("text must not be null");
		}
		toolCalls = List.copyOf(toolCalls);
	}

	/**
	 * Create a chunk that carries a piece of text.
	 * @param text the piece of text
	 * @return the chunk
	 */
	public static CompletionChunk delta(String text) {
		return new CompletionChunk(text, false, null, null, List.of(), null);
	}

	/**
	 * Return the chunks of a whole answer, for a model that does not stream: its text, if
	 * any, and a last chunk with the rest.
	 * @param response the answer
	 * @return the chunks
	 */
	static List<CompletionChunk> of(CompletionResponse response) {
		CompletionChunk last = new CompletionChunk("", true, response.finishReason(), response.usage(),
				response.toolCalls(), response.model());
		return response.text().isEmpty() ? List.of(last) : List.of(delta(response.text()), last);
	}

}
