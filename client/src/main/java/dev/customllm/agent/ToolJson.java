package dev.customllm.agent;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * Reads tool arguments strictly and writes tool results.
 *
 * @author Custom LLM team
 */
final class ToolJson {

	static final JsonMapper mapper = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private ToolJson() {
	}

	static JsonNode parse(String arguments) {
		return arguments.isBlank() ? mapper.createObjectNode() : mapper.readTree(arguments);
	}

	@SuppressWarnings("unchecked")
	static <T> T bind(@Nullable JsonNode node, Type type) {
		if (type == JsonNode.class) {
			return (T) ((node != null) ? node : NullNode.getInstance());
		}
		try {
			return mapper.treeToValue((node != null) ? node : NullNode.getInstance(),
					mapper.getTypeFactory().constructType(type));
		}
		catch (JacksonException ex) {
			throw new InvalidArgumentsException(ex.getOriginalMessage(), ex);
		}
	}

	static String render(@Nullable Object result) {
		return (result instanceof String text) ? text : mapper.writeValueAsString(result);
	}

	static String error(String message) {
		return mapper.writeValueAsString(mapper.createObjectNode().put("error", message));
	}

}
