package dev.customllm.internal.completion;

import java.util.Map;

/**
 * The {@code json_schema} of a {@code response_format}.
 *
 * @param name the name of the schema
 * @param schema the JSON Schema
 * @param strict whether the answer must follow the schema exactly
 * @author Custom LLM team
 */
record JsonSchemaBody(String name, Map<String, Object> schema, boolean strict) {

}
