package dev.customllm.internal.json;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfig;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates JSON Schemas from Java types with the victools jsonschema-generator, for tool
 * arguments and structured answers alike: plain JSON, no additional properties, fields
 * required unless {@link Optional} or {@link Nullable}, descriptions from
 * {@link JsonPropertyDescription}; and copies schemas given as maps.
 *
 * @author Custom LLM team
 */
public final class JsonSchemas {

	private static final SchemaGenerator GENERATOR = new SchemaGenerator(config());

	private JsonSchemas() {
	}

	private static SchemaGeneratorConfig config() {
		SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(LlmJson.mapper(),
				SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
			.with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.FLATTENED_OPTIONALS)
			.without(Option.SCHEMA_VERSION_INDICATOR);
		builder.forFields().withRequiredCheck(JsonSchemas::required);
		builder.forFields().withDescriptionResolver(JsonSchemas::description);
		return builder.build();
	}

	private static boolean required(FieldScope field) {
		return !field.getType().isInstanceOf(Optional.class)
				&& !field.getRawMember().getAnnotatedType().isAnnotationPresent(Nullable.class);
	}

	private static @Nullable String description(FieldScope field) {
		JsonPropertyDescription description = field
			.getAnnotationConsideringFieldAndGetter(JsonPropertyDescription.class);
		return (description != null) ? description.value() : null;
	}

	/**
	 * Return the shared generator, for schemas made of several definitions.
	 * @return the generator
	 */
	public static SchemaGenerator generator() {
		return GENERATOR;
	}

	/**
	 * Generate the schema of a type that must be a JSON object, typically a record.
	 * @param type the type
	 * @param use what the schema is for, for the message when the type is no object
	 * @return its schema
	 * @throws IllegalArgumentException if the type is not an object type
	 */
	public static ObjectNode forObjectType(Type type, String use) {
		ObjectNode schema = GENERATOR.generateSchema(type);
		if (!"object".equals(schema.path("type").asString(""))) {
			throw new IllegalArgumentException(use + " must be an object type, such as a record, not " + type);
		}
		return schema;
	}

	/**
	 * Convert a schema to an unmodifiable map, keeping the order of its properties.
	 * @param schema the schema
	 * @return the map
	 */
	public static Map<String, Object> toMap(ObjectNode schema) {
		return copy(LlmJson.mapper().treeToValue(schema, Map.class), "schema");
	}

	/**
	 * Copy a schema given as a map into an unmodifiable one, checking that it holds only
	 * JSON values: maps with text keys, lists, text, numbers, booleans and {@code null}.
	 * @param schema the schema
	 * @param name the name of the argument, for messages
	 * @return the unmodifiable copy
	 * @throws IllegalArgumentException if a value is not a JSON value
	 */
	public static Map<String, Object> copy(@Nullable Map<?, ?> schema, String name) {
		if (schema == null || schema.isEmpty()) {
			throw new IllegalArgumentException(name + " must not be empty");
		}
		return copyMap(schema, name);
	}

	private static Map<String, Object> copyMap(Map<?, ?> map, String path) {
		Map<String, Object> copy = new LinkedHashMap<>();
		map.forEach((key, value) -> {
			if (!(key instanceof String name)) {
				throw new IllegalArgumentException(path + " has a key that is not text: " + key);
			}
			copy.put(name, copyValue(value, path + "." + name));
		});
		return Collections.unmodifiableMap(copy);
	}

	private static @Nullable Object copyValue(@Nullable Object value, String path) {
		if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
			return value;
		}
		if (value instanceof Map<?, ?> map) {
			return copyMap(map, path);
		}
		if (value instanceof List<?> list) {
			List<@Nullable Object> copy = new ArrayList<>(list.size());
			for (int i = 0; i < list.size(); i++) {
				copy.add(copyValue(list.get(i), path + "[" + i + "]"));
			}
			return Collections.unmodifiableList(copy);
		}
		throw new IllegalArgumentException(
				path + " is a " + value.getClass().getName() + ", not a JSON value (map, list, text, number, boolean)");
	}

}
