package dev.customllm.completion;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A tool (function) the model may call, as offered in a chat request's {@code tools}.
 * Immutable; built with {@link #of(String, String, JsonNode)} or {@link #builder()}.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class ToolDefinition {

	private final String name;

	private final String description;

	private final JsonNode parameters;

	private ToolDefinition(@Nullable String name, @Nullable String description, @Nullable JsonNode parameters) {
		if (name == null || !name.matches("[a-zA-Z0-9_-]{1,64}")) {
			throw new IllegalArgumentException(
					"tool name must be 1 to 64 letters, digits, '_' or '-', but was '" + name + "'");
		}
		if (description == null) {
			throw new IllegalArgumentException("tool description must not be null (tool " + name + ")");
		}
		if (parameters == null || !parameters.isObject()) {
			throw new IllegalArgumentException("tool parameters must be a JSON Schema object (tool " + name + ")");
		}
		this.name = name;
		this.description = description;
		this.parameters = parameters.deepCopy();
	}

	/**
	 * Create a tool definition.
	 * @param name name of the function, as the model will quote it: 1 to 64 letters,
	 * digits, {@code _} or {@code -}
	 * @param description what the function does and when to call it
	 * @param parameters JSON Schema of the function's arguments, an object schema
	 * (copied)
	 * @return the definition
	 * @throws IllegalArgumentException if a value is invalid
	 */
	public static ToolDefinition of(String name, String description, JsonNode parameters) {
		return new ToolDefinition(name, description, parameters);
	}

	/**
	 * Create a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Create a builder that starts from this definition.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder().name(this.name).description(this.description).parameters(this.parameters);
	}

	/**
	 * Return the name of the function, as the model will quote it.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return what the function does and when to call it.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

	/**
	 * Return the JSON Schema of the function's arguments.
	 * @return a copy of the schema, an object schema
	 */
	public JsonNode parameters() {
		return this.parameters.deepCopy();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof ToolDefinition that) && this.name.equals(that.name)
				&& this.description.equals(that.description) && this.parameters.equals(that.parameters);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.name, this.description, this.parameters);
	}

	@Override
	public String toString() {
		return "ToolDefinition[name=" + this.name + "]";
	}

	/**
	 * Builder for {@link ToolDefinition}.
	 */
	public static final class Builder {

		private @Nullable String name;

		private String description = "";

		private @Nullable JsonNode parameters;

		private Builder() {
		}

		/**
		 * Set the name of the function.
		 * @param name 1 to 64 letters, digits, {@code _} or {@code -}
		 * @return this builder
		 */
		public Builder name(String name) {
			this.name = name;
			return this;
		}

		/**
		 * Set what the function does and when to call it.
		 * @param description the description, empty by default
		 * @return this builder
		 */
		public Builder description(String description) {
			this.description = description;
			return this;
		}

		/**
		 * Set the JSON Schema of the function's arguments.
		 * @param parameters an object schema (copied)
		 * @return this builder
		 */
		public Builder parameters(JsonNode parameters) {
			this.parameters = parameters;
			return this;
		}

		/**
		 * Build the definition.
		 * @return the definition
		 * @throws IllegalArgumentException if a value is invalid
		 */
		public ToolDefinition build() {
			return new ToolDefinition(this.name, this.description, this.parameters);
		}

	}

}
