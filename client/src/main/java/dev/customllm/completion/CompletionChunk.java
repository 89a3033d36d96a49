package dev.customllm.completion;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One part of a streamed answer. Every chunk but the last carries a non-empty piece of
 * text or of the model's {@linkplain #reasoning() reasoning}; the last one, always
 * present, carries what is known only at the end: the finish reason, the token usage and
 * the tool calls, and possibly no text. Immutable; built with {@link #delta(String)} or
 * {@link #builder()}.
 *
 * <pre class="code">
 * model.stream(CompletionRequest.of("Tell me a story"))
 *     .map(CompletionChunk::text)
 *     .subscribe(System.out::print);
 * </pre>
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class CompletionChunk {

	private final String text;

	private final boolean last;

	private final @Nullable String finishReason;

	private final @Nullable Usage usage;

	private final List<ToolCall> toolCalls;

	private final @Nullable String model;

	private final @Nullable String reasoning;

	private CompletionChunk(@Nullable String text, boolean last, @Nullable String finishReason, @Nullable Usage usage,
			List<ToolCall> toolCalls, @Nullable String model, @Nullable String reasoning) {
		if (text == null) {
			throw new IllegalArgumentException("text must not be null");
		}
		this.text = text;
		this.last = last;
		this.finishReason = finishReason;
		this.usage = usage;
		this.toolCalls = List.copyOf(toolCalls);
		this.model = model;
		this.reasoning = reasoning;
	}

	/**
	 * Create a chunk that carries a piece of text.
	 * @param text the piece of text
	 * @return the chunk
	 */
	public static CompletionChunk delta(String text) {
		return new CompletionChunk(text, false, null, null, List.of(), null, null);
	}

	/**
	 * Create a chunk that carries a piece of text from a named model.
	 * @param text the piece of text
	 * @param model the model that produced it, or {@code null} if not known yet
	 * @return the chunk
	 */
	public static CompletionChunk delta(String text, @Nullable String model) {
		return new CompletionChunk(text, false, null, null, List.of(), model, null);
	}

	/**
	 * Create a builder.
	 * @return a new builder, of a chunk that is not the last, with an empty text
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Create a builder that starts from this chunk.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder().text(this.text)
			.last(this.last)
			.finishReason(this.finishReason)
			.usage(this.usage)
			.toolCalls(this.toolCalls)
			.model(this.model)
			.reasoning(this.reasoning);
	}

	/**
	 * Return the chunks of a whole answer, for a model that does not stream: its text, if
	 * any, and a last chunk with the rest.
	 * @param response the answer
	 * @return the chunks
	 */
	static List<CompletionChunk> of(CompletionResponse response) {
		CompletionChunk last = new CompletionChunk("", true, response.finishReason(), response.usage(),
				response.toolCalls(), response.model(), null);
		String reasoning = response.reasoning();
		CompletionChunk thinking = (reasoning != null && !reasoning.isEmpty())
				? new CompletionChunk("", false, null, null, List.of(), response.model(), reasoning) : null;
		if (response.text().isEmpty()) {
			return (thinking != null) ? List.of(thinking, last) : List.of(last);
		}
		return (thinking != null) ? List.of(thinking, delta(response.text()), last)
				: List.of(delta(response.text()), last);
	}

	/**
	 * Return the next piece of the answer's text.
	 * @return the text, possibly empty on the last chunk
	 */
	public String text() {
		return this.text;
	}

	/**
	 * Return whether this is the last chunk of the answer.
	 * @return whether this chunk is the last
	 */
	public boolean last() {
		return this.last;
	}

	/**
	 * Return why the model stopped.
	 * @return {@code stop}, {@code length}, {@code tool_calls}, ..., on the last chunk if
	 * the service said; otherwise {@code null}
	 */
	public @Nullable String finishReason() {
		return this.finishReason;
	}

	/**
	 * Return the token counts.
	 * @return the counts, on the last chunk if the service reported them; otherwise
	 * {@code null}
	 */
	public @Nullable Usage usage() {
		return this.usage;
	}

	/**
	 * Return the whole tool calls the model asked for.
	 * @return the calls (unmodifiable) on the last chunk; otherwise empty
	 */
	public List<ToolCall> toolCalls() {
		return this.toolCalls;
	}

	/**
	 * Return the model that produced the answer.
	 * @return the model, on every chunk once the service named it; otherwise {@code null}
	 */
	public @Nullable String model() {
		return this.model;
	}

	/**
	 * Return the next piece of the model's reasoning ("thinking"), kept apart from the
	 * text: {@code reasoning_content} or {@code reasoning} in the service's delta.
	 * @return the piece of reasoning, or {@code null} when this chunk carries none
	 */
	public @Nullable String reasoning() {
		return this.reasoning;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof CompletionChunk that) && this.text.equals(that.text) && this.last == that.last
				&& Objects.equals(this.finishReason, that.finishReason) && Objects.equals(this.usage, that.usage)
				&& this.toolCalls.equals(that.toolCalls) && Objects.equals(this.model, that.model)
				&& Objects.equals(this.reasoning, that.reasoning);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.text, this.last, this.finishReason, this.usage, this.toolCalls, this.model,
				this.reasoning);
	}

	/**
	 * Describe the chunk without its text or reasoning, which may be confidential: their
	 * lengths only.
	 */
	@Override
	public String toString() {
		return "CompletionChunk[text=" + this.text.length() + " chars, last=" + this.last + ", finishReason="
				+ this.finishReason + ", usage=" + this.usage + ", toolCalls="
				+ this.toolCalls.stream().map(ToolCall::name).toList() + ", model=" + this.model + ", reasoning="
				+ ((this.reasoning != null) ? this.reasoning.length() + " chars" : "none") + "]";
	}

	/**
	 * Builder for {@link CompletionChunk}.
	 */
	public static final class Builder {

		private String text = "";

		private boolean last;

		private @Nullable String finishReason;

		private @Nullable Usage usage;

		private List<ToolCall> toolCalls = List.of();

		private @Nullable String model;

		private @Nullable String reasoning;

		private Builder() {
		}

		/**
		 * Set the piece of text.
		 * @param text the text, possibly empty on the last chunk
		 * @return this builder
		 */
		public Builder text(String text) {
			this.text = text;
			return this;
		}

		/**
		 * Set whether this is the last chunk.
		 * @param last whether the chunk is the last
		 * @return this builder
		 */
		public Builder last(boolean last) {
			this.last = last;
			return this;
		}

		/**
		 * Set why the model stopped.
		 * @param finishReason the reason, or {@code null}
		 * @return this builder
		 */
		public Builder finishReason(@Nullable String finishReason) {
			this.finishReason = finishReason;
			return this;
		}

		/**
		 * Set the token counts.
		 * @param usage the counts, or {@code null}
		 * @return this builder
		 */
		public Builder usage(@Nullable Usage usage) {
			this.usage = usage;
			return this;
		}

		/**
		 * Set the tool calls, replacing any set before.
		 * @param toolCalls the calls (copied)
		 * @return this builder
		 */
		public Builder toolCalls(List<ToolCall> toolCalls) {
			this.toolCalls = toolCalls;
			return this;
		}

		/**
		 * Set the model that produced the answer.
		 * @param model the model, or {@code null}
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Set the piece of the model's reasoning.
		 * @param reasoning the reasoning, or {@code null} when the chunk carries none
		 * @return this builder
		 */
		public Builder reasoning(@Nullable String reasoning) {
			this.reasoning = reasoning;
			return this;
		}

		/**
		 * Build the chunk.
		 * @return the chunk
		 * @throws IllegalArgumentException if the text is {@code null}
		 */
		public CompletionChunk build() {
			return new CompletionChunk(this.text, this.last, this.finishReason, this.usage, this.toolCalls, this.model,
					this.reasoning);
		}

	}

}
