package dev.customllm.completion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A request for a completion. Unset values ({@code null}) are taken from the model's
 * {@link CompletionDefaults}. The chat API sends the {@link #messages()} followed by the
 * {@link #prompt()} as a user message; the text API sends the prompt alone.
 *
 * @param model model name, or {@code null} for the default
 * @param messages conversation so far, possibly empty
 * @param prompt the prompt, or {@code null} when the messages say everything
 * @param temperature sampling temperature between 0 and 2, or {@code null} for the
 * default
 * @param maxTokens maximum tokens to generate, or {@code null} for the default
 * @param topP nucleus sampling probability mass, or {@code null} for the service's
 * default
 * @param stop sequences that end the generation, possibly empty
 * @param seed seed for reproducible sampling, or {@code null}
 * @param extra further body parameters, sent as they are (for example {@code top_k})
 * @param tools tools the model may call, possibly empty; chat API only
 * @param toolChoice whether and which tool the model must call: {@code auto},
 * {@code none}, {@code required} or the name of a tool; {@code null} for the service's
 * default
 * @param responseFormat the shape the answer must take, or {@code null} for free text;
 * chat API only
 * @param repairAttempts how many times a structured answer that cannot be used is sent
 * back to the model with what was wrong, for
 * {@link CompletionModel#complete(CompletionRequest, Class)}; 0 (the default) to 3
 * @author Custom LLM team
 */
public record CompletionRequest(@Nullable String model, List<Message> messages, @Nullable String prompt,
		@Nullable Double temperature, @Nullable Integer maxTokens, @Nullable Double topP, List<String> stop,
		@Nullable Long seed, Map<String, Object> extra, List<ToolDefinition> tools, @Nullable String toolChoice,
		@Nullable ResponseFormat responseFormat, int repairAttempts) {

	/**
	 * Most repair rounds a request may ask for.
	 */
	public static final int MAX_REPAIR_ATTEMPTS = 3;

	private static final Set<String> TYPED_PARAMETERS = Set.of("model", "messages", "prompt", "temperature",
			"max_tokens", "top_p", "stop", "seed", "stream", "tools", "tool_choice", "response_format");

	public CompletionRequest {
		messages = List.copyOf(messages);
		stop = List.copyOf(stop);
		extra = Map.copyOf(extra);
		tools = List.copyOf(tools);
		checkTools(tools, toolChoice);
		if (prompt != null && prompt.isBlank()) {
			throw new IllegalArgumentException("prompt must not be blank");
		}
		if (prompt == null && messages.isEmpty()) {
			throw new IllegalArgumentException("prompt must not be blank: give a prompt or at least one message");
		}
		if (model != null && model.isBlank()) {
			throw new IllegalArgumentException("model must not be blank; use null for the default model");
		}
		RequestChecks.checkTemperature(temperature);
		RequestChecks.checkMaxTokens(maxTokens);
		RequestChecks.checkTopP(topP);
		if (repairAttempts < 0 || repairAttempts > MAX_REPAIR_ATTEMPTS) {
			throw new IllegalArgumentException(
					"repairAttempts must be between 0 and " + MAX_REPAIR_ATTEMPTS + ", but was " + repairAttempts);
		}
		for (String name : extra.keySet()) {
			if (TYPED_PARAMETERS.contains(name)) {
				throw new IllegalArgumentException(
						"extra parameter '" + name + "' has a typed setter on CompletionRequest.Builder; use it");
			}
		}
	}

	/**
	 * Create a request without a response format.
	 * @param model model name, or {@code null} for the default
	 * @param messages conversation so far, possibly empty
	 * @param prompt the prompt, or {@code null} when the messages say everything
	 * @param temperature sampling temperature, or {@code null} for the default
	 * @param maxTokens maximum tokens to generate, or {@code null} for the default
	 * @param topP nucleus sampling probability mass, or {@code null}
	 * @param stop sequences that end the generation, possibly empty
	 * @param seed seed for reproducible sampling, or {@code null}
	 * @param extra further body parameters
	 * @param tools tools the model may call, possibly empty
	 * @param toolChoice whether and which tool the model must call, or {@code null}
	 */
	public CompletionRequest(@Nullable String model, List<Message> messages, @Nullable String prompt,
			@Nullable Double temperature, @Nullable Integer maxTokens, @Nullable Double topP, List<String> stop,
			@Nullable Long seed, Map<String, Object> extra, List<ToolDefinition> tools, @Nullable String toolChoice) {
		this(model, messages, prompt, temperature, maxTokens, topP, stop, seed, extra, tools, toolChoice, null, 0);
	}

	/**
	 * Create a request without tools.
	 * @param model model name, or {@code null} for the default
	 * @param messages conversation so far, possibly empty
	 * @param prompt the prompt, or {@code null} when the messages say everything
	 * @param temperature sampling temperature, or {@code null} for the default
	 * @param maxTokens maximum tokens to generate, or {@code null} for the default
	 * @param topP nucleus sampling probability mass, or {@code null}
	 * @param stop sequences that end the generation, possibly empty
	 * @param seed seed for reproducible sampling, or {@code null}
	 * @param extra further body parameters
	 */
	public CompletionRequest(@Nullable String model, List<Message> messages, @Nullable String prompt,
			@Nullable Double temperature, @Nullable Integer maxTokens, @Nullable Double topP, List<String> stop,
			@Nullable Long seed, Map<String, Object> extra) {
		this(model, messages, prompt, temperature, maxTokens, topP, stop, seed, extra, List.of(), null, null, 0);
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

		private Builder() {
		}

		/**
		 * Use this model instead of the default.
		 * @param model the model name
		 * @return this builder
		 */
		public Builder model(String model) {
			this.model = model;
			return this;
		}

		/**
		 * Set the prompt.
		 * @param prompt the prompt
		 * @return this builder
		 */
		public Builder prompt(String prompt) {
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
		 * @param toolChoice {@code auto}, {@code none}, {@code required} or a tool's name
		 * @return this builder
		 */
		public Builder toolChoice(String toolChoice) {
			this.toolChoice = toolChoice;
			return this;
		}

		/**
		 * Ask for an answer of a given shape (chat API only), such as
		 * {@link ResponseFormat#of(Class)}. The typed
		 * {@link CompletionModel#complete(CompletionRequest, Class)} sets it when it is
		 * not set.
		 * @param responseFormat the format
		 * @return this builder
		 */
		public Builder responseFormat(ResponseFormat responseFormat) {
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
		 * Build the request.
		 * @return the request
		 * @throws IllegalArgumentException if a value is invalid
		 */
		public CompletionRequest build() {
			return new CompletionRequest(this.model, this.messages, this.prompt, this.temperature, this.maxTokens,
					this.topP, this.stop, this.seed, this.extra, this.tools, this.toolChoice, this.responseFormat,
					this.repairAttempts);
		}

	}

}
