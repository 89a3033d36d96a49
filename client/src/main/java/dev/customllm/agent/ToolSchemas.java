package dev.customllm.agent;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;

import com.github.victools.jsonschema.generator.SchemaBuilder;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.customllm.internal.json.JsonSchemas;

/**
 * Generates the JSON Schema of tool arguments from Java types, with the conventions of
 * {@link JsonSchemas}: plain JSON, no additional properties, fields required unless
 * {@code Optional} or {@code @Nullable}, descriptions from
 * {@code @JsonPropertyDescription}.
 *
 * @author Custom LLM team
 */
final class ToolSchemas {

	private ToolSchemas() {
	}

	/**
	 * Generate the schema of a type, typically a record.
	 * @param type the type
	 * @return its schema
	 */
	static ObjectNode forType(Type type) {
		return JsonSchemas.forObjectType(type, "tool arguments");
	}

	/**
	 * Generate the schema of the parameters of a method: an object with one property per
	 * parameter.
	 * @param method the method
	 * @return the schema
	 */
	static ObjectNode forParameters(Method method) {
		SchemaBuilder builder = JsonSchemas.generator().buildMultipleSchemaDefinitions();
		Map<Parameter, ObjectNode> references = new LinkedHashMap<>();
		for (Parameter parameter : method.getParameters()) {
			references.put(parameter, builder.createSchemaReference(MethodParameters.valueType(parameter)));
		}
		ObjectNode definitions = builder.collectDefinitions("$defs");
		ObjectNode schema = ToolJson.mapper.createObjectNode().put("type", "object");
		ObjectNode properties = schema.putObject("properties");
		ArrayNode required = schema.putArray("required");
		references.forEach((parameter, reference) -> {
			MethodParameters.Info info = MethodParameters.info(method, parameter);
			if (!info.description().isEmpty()) {
				reference.put("description", info.description());
			}
			properties.set(info.name(), reference);
			if (info.required()) {
				required.add(info.name());
			}
		});
		schema.put("additionalProperties", false);
		if (!definitions.isEmpty()) {
			schema.set("$defs", definitions);
		}
		return schema;
	}

}
