package dev.customllm.springai;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.DefaultToolCallingChatOptions;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * The options of a {@link CustomLlmChatModel}: Spring AI's portable chat options, tool
 * callbacks and tool context ({@link ToolCallingChatOptions}), and a JSON Schema the
 * answer must match ({@link StructuredOutputChatOptions}). The schema is what lets
 * {@code ChatClient}'s native structured output
 * ({@code entity(MyRecord.class, (spec) -> spec.useProviderStructuredOutput())} or
 * {@code AdvisorParams.ENABLE_NATIVE_STRUCTURED_OUTPUT}) reach the service as
 * {@code response_format} {@code json_schema}. Immutable; {@link #mutate()} returns a
 * builder of this type with every value.
 *
 * <pre class="code">
 * CustomLlmChatOptions options = CustomLlmChatOptions.builder().model("qwen3").temperature(0.2).build();
 * </pre>
 *
 * @author Custom LLM team
 */
public final class CustomLlmChatOptions extends DefaultToolCallingChatOptions implements StructuredOutputChatOptions {

	private final @Nullable String outputSchema;

	private CustomLlmChatOptions(@Nullable List<ToolCallback> toolCallbacks, @Nullable Map<String, Object> toolContext,
			@Nullable String model, @Nullable Double frequencyPenalty, @Nullable Integer maxTokens,
			@Nullable Double presencePenalty, @Nullable List<String> stopSequences, @Nullable Double temperature,
			@Nullable Integer topK, @Nullable Double topP, @Nullable String outputSchema) {
		super(toolCallbacks, toolContext, model, frequencyPenalty, maxTokens, presencePenalty, stopSequences,
				temperature, topK, topP);
		this.outputSchema = outputSchema;
	}

	/**
	 * Return a builder of options with no values set.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return options with every value of the given ones: the portable chat options, tool
	 * callbacks and context of {@link ToolCallingChatOptions}, the output schema of
	 * {@link StructuredOutputChatOptions}.
	 * @param options the options to copy
	 * @return the options, {@code options} itself when they are already of this type
	 */
	public static CustomLlmChatOptions from(ChatOptions options) {
		if (options instanceof CustomLlmChatOptions own) {
			return own;
		}
		Builder builder = builder().model(options.getModel())
			.frequencyPenalty(options.getFrequencyPenalty())
			.maxTokens(options.getMaxTokens())
			.presencePenalty(options.getPresencePenalty())
			.stopSequences(options.getStopSequences())
			.temperature(options.getTemperature())
			.topK(options.getTopK())
			.topP(options.getTopP());
		if (options instanceof ToolCallingChatOptions tools) {
			builder.toolCallbacks(tools.getToolCallbacks()).toolContext(tools.getToolContext());
		}
		if (options instanceof StructuredOutputChatOptions structured) {
			builder.outputSchema(structured.getOutputSchema());
		}
		return builder.build();
	}

	/**
	 * Return the JSON Schema the answer must match, sent as {@code response_format}
	 * {@code json_schema}.
	 * @return the schema as JSON text, or {@code null} for an answer of any shape
	 */
	@Override
	public @Nullable String getOutputSchema() {
		return this.outputSchema;
	}

	@Override
	public Builder mutate() {
		return builder().model(getModel())
			.frequencyPenalty(getFrequencyPenalty())
			.maxTokens(getMaxTokens())
			.presencePenalty(getPresencePenalty())
			.stopSequences(getStopSequences())
			.temperature(getTemperature())
			.topK(getTopK())
			.topP(getTopP())
			.toolCallbacks(getToolCallbacks())
			.toolContext(getToolContext())
			.outputSchema(this.outputSchema);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof CustomLlmChatOptions that && super.equals(other)
				&& Objects.equals(this.outputSchema, that.outputSchema);
	}

	@Override
	public int hashCode() {
		return Objects.hash(super.hashCode(), this.outputSchema);
	}

	/**
	 * A builder of {@link CustomLlmChatOptions}. Values left unset are the completion
	 * model's defaults.
	 */
	public static final class Builder extends DefaultToolCallingChatOptions.Builder<Builder>
			implements StructuredOutputChatOptions.Builder<Builder> {

		private @Nullable String outputSchema;

		private Builder() {
		}

		/**
		 * Set the JSON Schema the answer must match.
		 * @param outputSchema the schema as JSON text, or {@code null} for an answer of
		 * any shape
		 * @return this builder
		 */
		@Override
		public Builder outputSchema(@Nullable String outputSchema) {
			this.outputSchema = outputSchema;
			return this;
		}

		/**
		 * Take every value the other builder sets, keeping this builder's others; tool
		 * callbacks, tool context and stop sequences are added to this builder's, as
		 * Spring AI's own builders do.
		 * @param other the other builder
		 * @return this builder
		 */
		@Override
		public Builder combineWith(ChatOptions.Builder<?> other) {
			super.combineWith(other);
			String schema = (other instanceof Builder that) ? that.outputSchema : outputSchemaOf(other);
			if (schema != null) {
				this.outputSchema = schema;
			}
			return this;
		}

		private static @Nullable String outputSchemaOf(ChatOptions.Builder<?> other) {
			if (other instanceof StructuredOutputChatOptions.Builder<?> structured
					&& structured.build() instanceof StructuredOutputChatOptions options) {
				return options.getOutputSchema();
			}
			return null;
		}

		@Override
		public CustomLlmChatOptions build() {
			return new CustomLlmChatOptions(this.toolCallbacks, this.toolContext, this.model, this.frequencyPenalty,
					this.maxTokens, this.presencePenalty, this.stopSequences, this.temperature, this.topK, this.topP,
					this.outputSchema);
		}

	}

}
