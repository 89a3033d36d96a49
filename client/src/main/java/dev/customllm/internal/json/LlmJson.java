package dev.customllm.internal.json;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The JSON mapper of the wire protocol. The client keeps its own rather than the
 * application's, so that an application's Jackson settings cannot change the protocol.
 *
 * @author Custom LLM team
 */
public final class LlmJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.addModule(new SimpleModule("custom-llm-records").setValueInstantiators(new RecordInstantiators()))
		.build();

	private LlmJson() {
	}

	/**
	 * Return the shared mapper.
	 * @return the mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

	/**
	 * Write a request body as JSON.
	 * @param body the body
	 * @return its JSON bytes
	 * @throws IllegalArgumentException if the body cannot be written as JSON
	 */
	public static byte[] write(Object body) {
		try {
			return MAPPER.writeValueAsBytes(body);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("request cannot be written as JSON: " + ex.getOriginalMessage(), ex);
		}
	}

}
