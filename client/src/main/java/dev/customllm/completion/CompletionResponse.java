package dev.customllm.completion;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The answer to a completion request. Immutable; built with {@link #of(String)} or
 * {@link #builder()}, for example by a test or an adapter that answers without a service.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class CompletionResponse {

	private final @Nullable String id;

	private final @Nullable String model;

	private final String text;

	private final @Nullable String finishReason;

	private final @Nullable Usage usage;

	private final List<ToolCall> toolCalls;

	private final @Nullable String reasoning;

	private CompletionResponse(Builder builder) {
		if (builder.text == null) {
			throw new IllegalArgumentException("text must not be null; use an empty text for tool calls only");
		}
		this.id = builder.id;
		this.model = builder.model;
		this.text = builder.text;
		this.finishReason = builder.finishReason;
		this.usage = builder.usage;
		this.toolCalls = List.copyOf(builder.toolCalls);
		this.reasoning = builder.reasoning;
	}

	/**
	 * Create an answer of text only, with nothing else known.
	 * @param text the text of the answer
	 * @return the answer
	 */
	public static CompletionResponse of(String text) {
		return new Builder().text(text).build();
	}

	/**
	 * Create a builder.
	 * @return a new builder, with an empty text
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Create a builder that starts from this answer.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.id = this.id;
		builder.model = this.model;
		builder.text = this.text;
		builder.finishReason = this.finishReason;
		builder.usage = this.usage;
		builder.toolCalls = this.toolCalls;
		builder.reasoning = this.reasoning;
		return builder;
	}

	/**
	 * Return the identifier the service gave the answer.
	 * @return the identifier, or {@code null}
	 */
	public @Nullable String id() {
		return this.id;
	}

	/**
	 * Return the model that produced the answer, as the service named it.
	 * @return the model, or {@code null} if the service did not say
	 */
	public @Nullable String model() {
		return this.model;
	}

	/**
	 * Return the text of the answer.
	 * @return the text; empty only when the model asked for tool calls instead
	 */
	public String text() {
		return this.text;
	}

	/**
	 * Return why the model stopped.
	 * @return {@code stop}, {@code length}, {@code tool_calls}, ..., or {@code null} if
	 * the service did not say
	 */
	public @Nullable String finishReason() {
		return this.finishReason;
	}

	/**
	 * Return the token counts.
	 * @return the counts, or {@code null} when the service reported none
	 */
	public @Nullable Usage usage() {
		return this.usage;
	}

	/**
	 * Return the tool calls the model asked for.
	 * @return the calls (unmodifiable), possibly empty
	 */
	public List<ToolCall> toolCalls() {
		return this.toolCalls;
	}

	/**
	 * Return the model's reasoning ("thinking"), kept apart from the answer's text:
	 * {@code reasoning_content} or {@code reasoning} in the service's answer.
	 * @return the reasoning, or {@code null} when the service sent none
	 */
	public @Nullable String reasoning() {
		return this.reasoning;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof CompletionResponse that) && Objects.equals(this.id, that.id)
				&& Objects.equals(this.model, that.model) && this.text.equals(that.text)
				&& Objects.equals(this.finishReason, that.finishReason) && Objects.equals(this.usage, that.usage)
				&& this.toolCalls.equals(that.toolCalls) && Objects.equals(this.reasoning, that.reasoning);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.id, this.model, this.text, this.finishReason, this.usage, this.toolCalls,
				this.reasoning);
	}

	/**
	 * Describe the answer without its text or reasoning, which may be confidential: their
	 * lengths only.
	 */
	@Override
	public String toString() {
		return "CompletionResponse[id=" + this.id + ", model=" + this.model + ", text=" + this.text.length()
				+ " chars, reasoning=" + ((this.reasoning != null) ? this.reasoning.length() + " chars" : "none")
				+ ", finishReason=" + this.finishReason + ", usage=" + this.usage + ", toolCalls="
				+ this.toolCalls.stream().map(ToolCall::name).toList() + "]";
	}

	/**
	 * Builder for {@link CompletionResponse}.
	 */
	public static final class Builder {

		private @Nullable String id;

		private @Nullable String model;

		private String text = "";

		private @Nullable String finishReason;

		private @Nullable Usage usage;

		private List<ToolCall> toolCalls = List.of();

		private @Nullable String reasoning;

		private Builder() {
		}

		/**
		 * Set the identifier the service gave the answer.
		 * @param id the identifier, or {@code null}
		 * @return this builder
		 */
		public Builder id(@Nullable String id) {
			this.id = id;
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
		 * Set the text of the answer.
		 * @param text the text, empty for tool calls only
		 * @return this builder
		 */
		public Builder text(String text) {
			this.text = text;
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
		 * Set the tool calls the model asked for, replacing any set before.
		 * @param toolCalls the calls (copied)
		 * @return this builder
		 */
		public Builder toolCalls(List<ToolCall> toolCalls) {
			this.toolCalls = toolCalls;
			return this;
		}

		/**
		 * Set the model's reasoning, kept apart from the text.
		 * @param reasoning the reasoning, or {@code null} when there is none
		 * @return this builder
		 */
		public Builder reasoning(@Nullable String reasoning) {
			this.reasoning = reasoning;
			return this;
		}

		/**
		 * Build the answer.
		 * @return the answer
		 * @throws IllegalArgumentException if the text is {@code null}
		 */
		public CompletionResponse build() {
			return new CompletionResponse(this);
		}

	}

}
