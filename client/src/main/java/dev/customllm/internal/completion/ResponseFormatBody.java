package dev.customllm.internal.completion;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.customllm.completion.ResponseFormat;

/**
 * The {@code response_format} of a chat request: {@code {"type": "json_object"}} or
 * {@code {"type": "json_schema", "json_schema": {...}}}.
 *
 * @author Custom LLM team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ResponseFormatBody(String type, @JsonProperty("json_schema") @Nullable JsonSchemaBody jsonSchema) {

	static @Nullable ResponseFormatBody of(@Nullable ResponseFormat format) {
		if (format == null) {
			return null;
		}
		JsonSchemaBody schema = (format.schema() != null && format.name() != null)
				? new JsonSchemaBody(format.name(), format.schema(), true) : null;
		return new ResponseFormatBody(format.type(), schema);
	}

}
