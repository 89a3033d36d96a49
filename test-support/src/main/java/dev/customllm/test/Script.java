package dev.customllm.test;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a user stub answers with, carried to {@link ScriptedEndpoint} as a transformer
 * parameter.
 *
 * @param endpoint the endpoint the stub is for
 * @param chunks the answer text in the parts it is streamed in
 * @param calls the tool calls of the answer, possibly none
 * @param vectors the embeddings to answer with
 * @param cut whether a stream ends before its last event and {@code [DONE]}
 * @param scores the rerank scores to answer with, by document index
 */
record Script(SimulatedEndpoint endpoint, List<String> chunks, List<ToolCallStub> calls, List<float[]> vectors,
		boolean cut, List<Double> scores) {

	Script(SimulatedEndpoint endpoint, List<String> chunks, List<ToolCallStub> calls, List<float[]> vectors,
			boolean cut) {
		this(endpoint, chunks, calls, vectors, cut, List.of());
	}

	static final String PARAMETER = "script";

	static Script text(SimulatedEndpoint endpoint, List<String> chunks, boolean cut) {
		return new Script(endpoint, List.copyOf(chunks), List.of(), List.of(), cut);
	}

	static Script tool(String name, String arguments) {
		return tools(List.of(ToolCallStub.of(name, arguments)));
	}

	static Script tools(List<ToolCallStub> calls) {
		return new Script(SimulatedEndpoint.CHAT, List.of(), List.copyOf(calls), List.of(), false);
	}

	static Script embeddings(List<float[]> vectors) {
		return new Script(SimulatedEndpoint.EMBEDDINGS, List.of(), List.of(), List.copyOf(vectors), false);
	}

	static Script scores(List<Double> scores) {
		return new Script(SimulatedEndpoint.RERANK, List.of(), List.of(), List.of(), false, List.copyOf(scores));
	}

	String text() {
		return String.join("", this.chunks);
	}

	String argumentsText() {
		return String.join(" ", this.calls.stream().map(ToolCallStub::argumentsJson).toList());
	}

	String toJson() {
		ObjectNode node = SimulatorEndpoint.json.createObjectNode();
		node.put("endpoint", this.endpoint.name());
		ArrayNode chunks = node.putArray("chunks");
		this.chunks.forEach(chunks::add);
		ArrayNode calls = node.putArray("calls");
		this.calls.forEach((call) -> calls.addObject().put("name", call.name()).put("arguments", call.argumentsJson()));
		ArrayNode vectors = node.putArray("vectors");
		for (float[] vector : this.vectors) {
			ArrayNode values = vectors.addArray();
			for (float value : vector) {
				values.add(value);
			}
		}
		node.put("cut", this.cut);
		ArrayNode scores = node.putArray("scores");
		this.scores.forEach(scores::add);
		return SimulatorEndpoint.json.writeValueAsString(node);
	}

	static Script fromJson(String text) {
		JsonNode node = SimulatorEndpoint.json.readTree(text);
		List<String> chunks = node.path("chunks").values().stream().map(JsonNode::stringValue).toList();
		List<float[]> vectors = node.path("vectors").values().stream().map(Script::vector).toList();
		List<ToolCallStub> calls = node.path("calls")
			.values()
			.stream()
			.map((call) -> ToolCallStub.of(call.path("name").asString(""), call.path("arguments").asString("{}")))
			.toList();
		List<Double> scores = node.path("scores").values().stream().map(JsonNode::doubleValue).toList();
		return new Script(SimulatedEndpoint.valueOf(node.path("endpoint").stringValue()), chunks, calls, vectors,
				node.path("cut").asBoolean(false), scores);
	}

	private static float[] vector(JsonNode values) {
		float[] vector = new float[values.size()];
		for (int i = 0; i < vector.length; i++) {
			vector[i] = values.get(i).floatValue();
		}
		return vector;
	}

}
