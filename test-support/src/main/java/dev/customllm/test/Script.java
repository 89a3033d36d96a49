package dev.customllm.test;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a user stub answers with, carried to {@link ScriptedEndpoint} as a transformer
 * parameter.
 *
 * @param endpoint the endpoint the stub is for
 * @param chunks the answer text in the parts it is streamed in
 * @param toolName the tool the answer calls, or {@code null}
 * @param toolArguments the JSON arguments of the tool call
 * @param vectors the embeddings to answer with
 * @param cut whether a stream ends before its last event and {@code [DONE]}
 */
record Script(SimulatedEndpoint endpoint, List<String> chunks, @Nullable String toolName, String toolArguments,
		List<float[]> vectors, boolean cut) {

	static final String PARAMETER = "script";

	static Script text(SimulatedEndpoint endpoint, List<String> chunks, boolean cut) {
		return new Script(endpoint, List.copyOf(chunks), null, "", List.of(), cut);
	}

	static Script tool(String name, String arguments) {
		return new Script(SimulatedEndpoint.CHAT, List.of(), name, arguments, List.of(), false);
	}

	static Script embeddings(List<float[]> vectors) {
		return new Script(SimulatedEndpoint.EMBEDDINGS, List.of(), null, "", List.copyOf(vectors), false);
	}

	String text() {
		return String.join("", this.chunks);
	}

	String toJson() {
		ObjectNode node = SimulatorEndpoint.json.createObjectNode();
		node.put("endpoint", this.endpoint.name());
		ArrayNode chunks = node.putArray("chunks");
		this.chunks.forEach(chunks::add);
		node.put("toolName", this.toolName);
		node.put("toolArguments", this.toolArguments);
		ArrayNode vectors = node.putArray("vectors");
		for (float[] vector : this.vectors) {
			ArrayNode values = vectors.addArray();
			for (float value : vector) {
				values.add(value);
			}
		}
		node.put("cut", this.cut);
		return SimulatorEndpoint.json.writeValueAsString(node);
	}

	static Script fromJson(String text) {
		JsonNode node = SimulatorEndpoint.json.readTree(text);
		List<String> chunks = node.path("chunks").values().stream().map(JsonNode::stringValue).toList();
		List<float[]> vectors = node.path("vectors").values().stream().map(Script::vector).toList();
		JsonNode toolName = node.path("toolName");
		return new Script(SimulatedEndpoint.valueOf(node.path("endpoint").stringValue()), chunks,
				toolName.isString() ? toolName.stringValue() : null, node.path("toolArguments").asString(""),
				vectors, node.path("cut").asBoolean(false));
	}

	private static float[] vector(JsonNode values) {
		float[] vector = new float[values.size()];
		for (int i = 0; i < vector.length; i++) {
			vector[i] = values.get(i).floatValue();
		}
		return vector;
	}

}
