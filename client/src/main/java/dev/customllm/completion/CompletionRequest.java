package dev.customllm.completion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A request for a completion. Unset values ({@code null}) are taken from the model's
 * {@link CompletionDefaults}. The chat API sends the {@link #messages()} followed by the
 * {@link #prompt()} as a user message; the text API sends the prompt alone. Immutable;
 * built with {@link #of(String)} or {@link #builder()}, and copied with changes with
 * {@link #toBuilder()}.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class CompletionRequest {

	/**
	 * Most repair rounds a request may ask for.
	 */
	public static final int MAX_REPAIR_ATTEMPTS = 3;

	private static final Set<String> TYPED_PARAMETERS = Set.of("model", "messages", "prompt", "temperature",
			"max_tokens", "top_p", "stop", "seed", "stream", "tools", "tool_choice", "response_format",
			"reasoning_effort");

	private static final Set<String> REASONING_EFFORTS = new LinkedHashSet<>(
			List.of("minimal", "low", "medium", "high"));

	private final @Nullable String model;

	private final List<Message> messages;

	private final @Nullable String prompt;

	private final @Nullable Double temperature;

	private final @Nullable Integer maxTokens;

	private final @Nullable Double topP;

	private final List<String> stop;

	private final @Nullable Long seed;

	private final Map<String, Object> extra;

	private final List<ToolDefinition> tools;

	private final @Nullable String toolChoice;

	private final @Nullable ResponseFormat responseFormat;

	private final int repairAttempts;

	private final @Nullable String reasoningEffort;

	private CompletionRequest(Builder builder) {
		this.model = builder.model;
		this.messages = List.copyOf(builder.messages);
		this.prompt = builder.prompt;
		this.temperature = builder.temperature;
		this.maxTokens = builder.maxTokens;
		this.topP = builder.topP;
		this.stop = List.copyOf(builder.stop);
		this.seed = builder.seed;
		this.extra = Map.copyOf(builder.extra);
		this.tools = List.copyOf(builder.tools);
		this.toolChoice = builder.toolChoice;
		this.responseFormat = builder.responseFormat;
		this.repairAttempts = builder.repairAttempts;
		this.reasoningEffort = builder.reasoningEffort;
		checkTools(this.tools, this.toolChoice);
		if (this.prompt != null && this.prompt.isBlank()) {
			throw new IllegalArgumentException("prompt must not be blank");
		}
		if (this.prompt == null && this.messages.isEmpty()) {
			throw new IllegalArgumentException("prompt must not be blank: give a prompt or at least one message");
		}
		if (this.model != null && this.model.isBlank()) {
			throw new IllegalArgumentException("model must not be blank; use null for the default model");
		}
		RequestChecks.checkTemperature(this.temperature);
		RequestChecks.checkMaxTokens(this.maxTokens);
		RequestChecks.checkTopP(this.topP);
		if (this.repairAttempts < 0 || this.repairAttempts > MAX_REPAIR_ATTEMPTS) {
			throw new IllegalArgumentException(
					"repairAttempts must be between 0 and " + MAX_REPAIR_ATTEMPTS + ", but was " + this.repairAttempts);
		}
		if (this.reasoningEffort != null && !REASONING_EFFORTS.contains(this.reasoningEffort)) {
			throw new IllegalArgumentException(
					"reasoningEffort must be one of " + REASONING_EFFORTS + ", but was '" + this.reasoningEffort + "'");
		}
		for (String name : this.extra.keySet()) {
			if (TYPED_PARAMETERS.contains(name)) {
				throw new IllegalArgumentException(
						"extra parameter '" + name + "' has a typed setter on CompletionRequest.Builder; use it");
			}
		}
	}

	private static void checkTools(List<ToolDefinition> tools, @Nullable String toolChoice) {
		if (tools.size() > 1 && tools.stream().map(ToolDefinition::name).distinct().count() != tools.size()) {
			throw new IllegalArgumentException("tool names must be unique");
		}
		if (toolChoice != null && toolChoice.isBlank()) {
			throw new IllegalArgumentException("toolChoice must not be blank; use null for the service's default");
		}
	}

	/**
	 * Create a request for a single prompt with the model's defaults.
	 * @param prompt the prompt
	 * @return the request
	 */
	public static CompletionRequest of(String prompt) {
		return builder().prompt(prompt).build();
	}

	/**
	 * Create a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Create a builder that starts from this request, to send a copy with changes.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.model = this.model;
		builder.messages.addAll(this.messages);
		builder.prompt = this.prompt;
		builder.temperature = this.temperature;
		builder.maxTokens = this.maxTokens;
		builder.topP = this.topP;
		builder.stop.addAll(this.stop);
		builder.seed = this.seed;
		builder.extra.putAll(this.extra);
		builder.tools.addAll(this.tools);
		builder.toolChoice = this.toolChoice;
		builder.responseFormat = this.responseFormat;
		builder.repairAttempts = this.repairAttempts;
		builder.reasoningEffort = this.reasoningEffort;
		return builder;
	}

	/**
	 * Return the model name.
	 * @return the model, or {@code null} for the default
	 */
	public @Nullable String model() {
		return this.model;
	}

	/**
	 * Return the conversation so far.
	 * @return the messages (unmodifiable), possibly empty
	 */
	public List<Message> messages() {
		return this.messages;
	}

	/**
	 * Return the prompt.
	 * @return the prompt, or {@code null} when the messages say everything
	 */
	public @Nullable String prompt() {
		return this.prompt;
	}

	/**
	 * Return the sampling temperature.
	 * @return the temperature, between 0 and 2, or {@code null} for the default
	 */
	public @Nullable Double temperature() {
		return this.temperature;
	}

	/**
	 * Return the maximum number of tokens to generate.
	 * @return the maximum, or {@code null} for the default
	 */
	public @Nullable Integer maxTokens() {
		return this.maxTokens;
	}

	/**
	 * Return the nucleus sampling probability mass.
	 * @return the probability mass, or {@code null} for the service's default
	 */
	public @Nullable Double topP() {
		return this.topP;
	}

	/**
	 * Return the sequences that end the generation.
	 * @return the sequences (unmodifiable), possibly empty
	 */
	public List<String> stop() {
		return this.stop;
	}

	/**
	 * Return the seed for reproducible sampling.
	 * @return the seed, or {@code null}
	 */
	public @Nullable Long seed() {
		return this.seed;
	}

	/**
	 * Return the further body parameters, sent as they are (for example {@code top_k}).
	 * @return the parameters (unmodifiable), possibly empty
	 */
	public Map<String, Object> extra() {
		return this.extra;
	}

	/**
	 * Return the tools the model may call (chat API only).
	 * @return the tools (unmodifiable), possibly empty
	 */
	public List<ToolDefinition> tools() {
		return this.tools;
	}

	/**
	 * Return whether and which tool the model must call.
	 * @return {@code auto}, {@code none}, {@code required} or the name of a tool;
	 * {@code null} for the service's default
	 */
	public @Nullable String toolChoice() {
		return this.toolChoice;
	}

	/**
	 * Return the shape the answer must take (chat API only).
	 * @return the format, or {@code null} for free text
	 */
	public @Nullable ResponseFormat responseFormat() {
		return this.responseFormat;
	}

	/**
	 * Return how many times a structured answer that cannot be used is sent back to the
	 * model with what was wrong, for
	 * {@link CompletionModel#complete(CompletionRequest, Class)}.
	 * @return 0 (the default) to {@value #MAX_REPAIR_ATTEMPTS}
	 */
	public int repairAttempts() {
		return this.repairAttempts;
	}

	/**
	 * Return how much a reasoning model should think before it answers, sent as
	 * {@code reasoning_effort}.
	 * @return {@code minimal}, {@code low}, {@code medium} or {@code high}, or
	 * {@code null} for the service's default
	 */
	public @Nullable String reasoningEffort() {
		return this.reasoningEffort;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof CompletionRequest that) && Objects.equals(this.model, that.model)
				&& this.messages.equals(that.messages) && Objects.equals(this.prompt, that.prompt)
				&& Objects.equals(this.temperature, that.temperature) && Objects.equals(this.maxTokens, that.maxTokens)
				&& Objects.equals(this.topP, that.topP) && this.stop.equals(that.stop)
				&& Objects.equals(this.seed, that.seed) && this.extra.equals(that.extra)
				&& this.tools.equals(that.tools) && Objects.equals(this.toolChoice, that.toolChoice)
				&& Objects.equals(this.responseFormat, that.responseFormat)
				&& this.repairAttempts == that.repairAttempts
				&& Objects.equals(this.reasoningEffort, that.reasoningEffort);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.model, this.messages, this.prompt, this.temperature, this.maxTokens, this.topP,
				this.stop, this.seed, this.extra, this.tools, this.toolChoice, this.responseFormat, this.repairAttempts,
				this.reasoningEffort);
	}

	/**
	 * Describe the request without its text, which may be confidential: the number of
	 * messages, the length of the prompt, the names of the tools and extra parameters.
	 */
	@Override
	public String toString() {
		return "CompletionRequest[model=" + this.model + ", messages=" + this.messages.size() + ", prompt="
				+ ((this.prompt != null) ? this.prompt.length() + " chars" : null) + ", temperature=" + this.temperature
				+ ", maxTokens=" + this.maxTokens + ", topP=" + this.topP + ", stop=" + this.stop.size() + ", seed="
				+ this.seed + ", extra=" + this.extra.keySet() + ", tools="
				+ this.tools.stream().map(ToolDefinition::name).toList() + ", toolChoice=" + this.toolChoice
				+ ", responseFormat=" + this.responseFormat + ", repairAttempts=" + this.repairAttempts
				+ ", reasoningEffort=" + this.reasoningEffort + "]";
	}

	/**
	 * Builder for {@link CompletionRequest}.
	 */
	public static final class Builder {

		private @Nullable String model;

		private final List<Message> messages = new ArrayList<>();

		private @Nullable String prompt;

		private @Nullable Double temperature;

		private @Nullable Integer maxTokens;

		private @Nullable Double topP;

		private final List<String> stop = new ArrayList<>();

		private @Nullable Long seed;

		private final Map<String, Object> extra = new LinkedHashMap<>();

		private final List<ToolDefinition> tools = new ArrayList<>();

		private @Nullable String toolChoice;

		private @Nullable ResponseFormat responseFormat;

		private int repairAttempts;

		private @Nullable String reasoningEffort;

		private Builder() {
		}

		/**
		 * Use this model instead of the default.
		 * @param model the model name, or {@code null} for the default
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Set the prompt.
		 * @param prompt the prompt, or {@code null} when the messages say everything
		 * @return this builder
		 */
		public Builder prompt(@Nullable String prompt) {
			this.prompt = prompt;
			return this;
		}

		/**
		 * Add a system message with instructions.
		 * @param instructions the instructions
		 * @return this builder
		 */
		public Builder system(String instructions) {
			return message(Message.system(instructions));
		}

		/**
		 * Add a message.
		 * @param message the message
		 * @return this builder
		 */
		public Builder message(Message message) {
			this.messages.add(message);
			return this;
		}

		/**
		 * Add messages.
		 * @param messages the messages, in order
		 * @return this builder
		 */
		public Builder messages(List<Message> messages) {
			this.messages.addAll(messages);
			return this;
		}

		/**
		 * Remove the messages added so far, for example to replace the conversation of a
		 * request copied with {@link CompletionRequest#toBuilder()}.
		 * @return this builder
		 */
		public Builder clearMessages() {
			this.messages.clear();
			return this;
		}

		/**
		 * Set the sampling temperature.
		 * @param temperature the temperature, between 0 and 2
		 * @return this builder
		 */
		public Builder temperature(double temperature) {
			this.temperature = temperature;
			return this;
		}

		/**
		 * Set the maximum number of tokens to generate.
		 * @param maxTokens the maximum, at least 1
		 * @return this builder
		 */
		public Builder maxTokens(int maxTokens) {
			this.maxTokens = maxTokens;
			return this;
		}

		/**
		 * Set the nucleus sampling probability mass.
		 * @param topP the probability mass, greater than 0 and at most 1
		 * @return this builder
		 */
		public Builder topP(double topP) {
			this.topP = topP;
			return this;
		}

		/**
		 * Add sequences that end the generation.
		 * @param sequences the stop sequences
		 * @return this builder
		 */
		public Builder stop(String... sequences) {
			this.stop.addAll(List.of(sequences));
			return this;
		}

		/**
		 * Set the sampling seed.
		 * @param seed the seed
		 * @return this builder
		 */
		public Builder seed(long seed) {
			this.seed = seed;
			return this;
		}

		/**
		 * Add a body parameter that has no typed setter; it is sent as it is.
		 * @param name the JSON name, for example {@code top_k}
		 * @param value the value, serialized as JSON
		 * @return this builder
		 */
		public Builder extra(String name, Object value) {
			if (name == null || name.isBlank() || value == null) {
				throw new IllegalArgumentException("extra parameter needs a name and a non-null value");
			}
			this.extra.put(name, value);
			return this;
		}

		/**
		 * Offer tools the model may call (chat API only).
		 * @param tools the tools
		 * @return this builder
		 */
		public Builder tools(List<ToolDefinition> tools) {
			this.tools.addAll(tools);
			return this;
		}

		/**
		 * Say whether and which tool the model must call.
		 * @param toolChoice {@code auto}, {@code none}, {@code required} or a tool's
		 * name; {@code null} for the service's default
		 * @return this builder
		 */
		public Builder toolChoice(@Nullable String toolChoice) {
			this.toolChoice = toolChoice;
			return this;
		}

		/**
		 * Ask for an answer of a given shape (chat API only), such as
		 * {@link ResponseFormat#of(Class)}. The typed
		 * {@link CompletionModel#complete(CompletionRequest, Class)} sets it when it is
		 * not set.
		 * @param responseFormat the format, or {@code null} for free text
		 * @return this builder
		 */
		public Builder responseFormat(@Nullable ResponseFormat responseFormat) {
			this.responseFormat = responseFormat;
			return this;
		}

		/**
		 * Set how many times a structured answer that is not valid JSON or does not match
		 * the schema is sent back to the model, with what was wrong, before
		 * {@link CompletionModel#complete(CompletionRequest, Class)} gives up. Each
		 * attempt is one more call.
		 * @param repairAttempts the number of repair rounds, 0 (the default) to
		 * {@value CompletionRequest#MAX_REPAIR_ATTEMPTS}
		 * @return this builder
		 */
		public Builder repairAttempts(int repairAttempts) {
			this.repairAttempts = repairAttempts;
			return this;
		}

		/**
		 * Set how much a reasoning model should think before it answers, sent as
		 * {@code reasoning_effort} (as {@code reasoning.effort} on the Responses API).
		 * Models that do not reason may refuse it.
		 * @param reasoningEffort {@code minimal}, {@code low}, {@code medium} or
		 * {@code high}, or {@code null} for the service's default
		 * @return this builder
		 */
		public Builder reasoningEffort(@Nullable String reasoningEffort) {
			this.reasoningEffort = reasoningEffort;
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 * @throws IllegalArgumentException if a value is invalid
		 */
		public CompletionRequest build() {
			return new CompletionRequest(this);
		}

	}

}
