package dev.customllm.completion;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.customllm.internal.json.JsonSchemas;

/**
 * The shape a chat answer must take, sent as {@code response_format}: any JSON object
 * ({@link #json()}, OpenAI's JSON mode), or JSON that matches a JSON Schema
 * ({@link #jsonSchema(String, Map)}, {@link #of(Class)}), which servers with guided
 * decoding (vLLM, llama.cpp, SGLang) enforce while generating. Immutable.
 *
 * <pre class="code">
 * record Summary(String summary, List&lt;String&gt; keywords) {
 * }
 * Summary summary = model.complete(CompletionRequest.of("Summarize: ..."), Summary.class);
 * </pre>
 *
 * @author Custom LLM team
 * @see CompletionModel#complete(CompletionRequest, Class)
 * @since 0.1.0
 */
public final class ResponseFormat {

	private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

	private static final ResponseFormat JSON = new ResponseFormat(null, null);

	private static final ClassValue<ResponseFormat> GENERATED = new ClassValue<>() {
		@Override
		protected ResponseFormat computeValue(Class<?> type) {
			return new ResponseFormat(nameOf(type),
					JsonSchemas.toMap(JsonSchemas.forObjectType(type, "a structured answer")));
		}
	};

	private final @Nullable String name;

	private final @Nullable Map<String, Object> schema;

	private ResponseFormat(@Nullable String name, @Nullable Map<String, Object> schema) {
		this.name = name;
		this.schema = schema;
	}

	/**
	 * Return the format of an answer that is any JSON object ({@code json_object}).
	 * @return the format
	 */
	public static ResponseFormat json() {
		return JSON;
	}

	/**
	 * Return the format of an answer that matches a JSON Schema ({@code json_schema},
	 * strict).
	 * @param name the name of the schema: 1 to 64 letters, digits, {@code _} or {@code -}
	 * @param schema the JSON Schema of an object, as maps, lists and plain values
	 * (copied)
	 * @return the format
	 * @throws IllegalArgumentException if the name is invalid, or the schema empty or not
	 * made of JSON values
	 */
	public static ResponseFormat jsonSchema(String name, Map<String, Object> schema) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new IllegalArgumentException(
					"responseFormat name must be 1 to 64 letters, digits, '_' or '-', but was '" + name + "'");
		}
		return new ResponseFormat(name, JsonSchemas.copy(schema, "responseFormat schema"));
	}

	/**
	 * Return the format of an answer that is a value of a Java type, typically a record:
	 * its JSON Schema is generated from the type (nested records, lists, enums; a
	 * component is required unless it is {@code @Nullable} or {@code Optional};
	 * descriptions from {@code @JsonPropertyDescription}), once per type.
	 * @param type the type
	 * @return the format, named after the type
	 * @throws IllegalArgumentException if the type is not an object type
	 */
	public static ResponseFormat of(Class<?> type) {
		if (type == null) {
			throw new IllegalArgumentException("type must not be null");
		}
		return GENERATED.get(type);
	}

	private static String nameOf(Class<?> type) {
		String name = type.getSimpleName().replaceAll("[^a-zA-Z0-9_-]", "_");
		return name.isEmpty() ? "answer" : name.substring(0, Math.min(64, name.length()));
	}

	/**
	 * Return the {@code type} of the format on the wire.
	 * @return {@code json_schema} with a schema, else {@code json_object}
	 */
	public String type() {
		return (this.schema != null) ? "json_schema" : "json_object";
	}

	/**
	 * Return the name of the schema.
	 * @return the name, or {@code null} for {@link #json()}
	 */
	public @Nullable String name() {
		return this.name;
	}

	/**
	 * Return the JSON Schema the answer must match.
	 * @return the schema (unmodifiable), or {@code null} for {@link #json()}
	 */
	public @Nullable Map<String, Object> schema() {
		return this.schema;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof ResponseFormat that) && Objects.equals(this.name, that.name)
				&& Objects.equals(this.schema, that.schema);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.name, this.schema);
	}

	@Override
	public String toString() {
		return "ResponseFormat[" + type() + ((this.name != null) ? ", " + this.name : "") + "]";
	}

}
