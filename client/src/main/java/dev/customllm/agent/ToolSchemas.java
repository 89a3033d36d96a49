package dev.customllm.agent;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates the JSON Schema of tool arguments from Java types with the victools
 * jsonschema-generator: plain JSON, no additional properties, fields required unless
 * {@link Optional} or {@link Nullable}, descriptions from {@link JsonPropertyDescription}.
 *
 * @author Custom LLM team
 */
final class ToolSchemas {

	private static final SchemaGenerator generator = new SchemaGenerator(config());

	private ToolSchemas() {
	}

	private static com.github.victools.jsonschema.generator.SchemaGeneratorConfig config() {
		SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(ToolJson.mapper,
				SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
			.with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.FLATTENED_OPTIONALS)
			.without(Option.SCHEMA_VERSION_INDICATOR);
		builder.forFields().withRequiredCheck(ToolSchemas::required);
		builder.forFields().withDescriptionResolver(ToolSchemas::description);
		return builder.build();
	}

	private static boolean required(FieldScope field) {
		return !field.getType().isInstanceOf(Optional.class)
				&& !field.getRawMember().getAnnotatedType().isAnnotationPresent(Nullable.class);
	}

	private static @Nullable String description(FieldScope field) {
		JsonPropertyDescription description = field.getAnnotationConsideringFieldAndGetter(JsonPropertyDescription.class);
		return (description != null) ? description.value() : null;
	}

	/**
	 * Generate the schema of a type, typically a record.
	 * @param type the type
	 * @return its schema
	 */
	static ObjectNode forType(Type type) {
		ObjectNode schema = generator.generateSchema(type);
		if (!"object".equals(schema.path("type").asString(""))) {
			throw new IllegalArgumentException("tool arguments must be an object type, such as a record, not " + type);
		}
		return schema;
	}

	/**
	 * Generate the schema of the parameters of a method: an object with one property per
	 * parameter.
	 * @param method the method
	 * @return the schema
	 */
	static ObjectNode forParameters(Method method) {
		SchemaBuilder builder = generator.buildMultipleSchemaDefinitions();
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
