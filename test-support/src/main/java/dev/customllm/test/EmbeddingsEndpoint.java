package dev.customllm.test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Simulates {@code POST /v1/embeddings} with {@link SimulatedEmbeddings}, as float arrays
 * or base64-encoded little-endian float32, for texts or token arrays.
 */
final class EmbeddingsEndpoint extends SimulatorEndpoint {

	static final String NAME = "custom-llm-simulator-embeddings";

	private static final int DEFAULT_DIMENSIONS = 256;

	private static final int MAX_DIMENSIONS = 8192;

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	ResponseDefinition respond(ObjectNode request) {
		List<String> inputs = inputs(request.path("input"));
		int dimensions = dimensions(request.path("dimensions"));
		boolean base64 = base64(request.path("encoding_format"));
		ObjectNode body = json.createObjectNode().put("object", "list");
		ArrayNode data = body.putArray("data");
		int tokens = 0;
		for (int i = 0; i < inputs.size(); i++) {
			ObjectNode embedding = data.addObject().put("object", "embedding").put("index", i);
			vector(embedding, SimulatedEmbeddings.embed(inputs.get(i), dimensions), base64);
			tokens += tokenCount(inputs.get(i));
		}
		body.put("model", model(request));
		body.set("usage", usage(tokens, -1));
		return ok(body);
	}

	/**
	 * Read the inputs: a string, an array of strings, or tokens as OpenAI takes them (an
	 * array of integers for one input, an array of such arrays for several), each token
	 * array embedded as the text {@code tokens:1,2,3}.
	 */
	private static List<String> inputs(JsonNode input) {
		List<String> inputs = new ArrayList<>();
		if (input.isString()) {
			inputs.add(input.stringValue());
		}
		else if (isTokens(input)) {
			inputs.add(tokens(input));
		}
		else if (input.isArray()) {
			for (JsonNode item : input.values()) {
				if (item.isString()) {
					inputs.add(item.stringValue());
				}
				else if (isTokens(item)) {
					inputs.add(tokens(item));
				}
			}
		}
		if (inputs.isEmpty() || (input.isArray() && !isTokens(input) && inputs.size() != input.size())) {
			throw new InvalidRequestException("input must be a string, an array of strings, an array of token"
					+ " integers or an array of token arrays, none of them empty");
		}
		return inputs;
	}

	private static boolean isTokens(JsonNode input) {
		return input.isArray() && !input.isEmpty() && input.values().stream().allMatch(JsonNode::isIntegralNumber);
	}

	private static String tokens(JsonNode tokens) {
		StringBuilder text = new StringBuilder("tokens:");
		tokens.values().forEach((token) -> text.append((text.length() > 7) ? "," : "").append(token.asLong()));
		return text.toString();
	}

	private static int tokenCount(String input) {
		return input.startsWith("tokens:") ? input.substring(7).split(",").length : SimulatedText.words(input).size();
	}

	private static int dimensions(JsonNode dimensions) {
		if (dimensions.isMissingNode() || dimensions.isNull()) {
			return DEFAULT_DIMENSIONS;
		}
		if (!dimensions.isIntegralNumber() || !dimensions.canConvertToInt() || dimensions.intValue() < 1
				|| dimensions.intValue() > MAX_DIMENSIONS) {
			throw new InvalidRequestException("dimensions must be an integer between 1 and " + MAX_DIMENSIONS);
		}
		return dimensions.intValue();
	}

	private static boolean base64(JsonNode format) {
		String value = format.isString() ? format.stringValue() : "float";
		if (!value.equals("float") && !value.equals("base64")) {
			throw new InvalidRequestException("encoding_format must be 'float' or 'base64'");
		}
		return value.equals("base64");
	}

	static void vector(ObjectNode embedding, float[] vector, boolean base64) {
		if (base64) {
			ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
			bytes.asFloatBuffer().put(vector);
			embedding.put("embedding", Base64.getEncoder().encodeToString(bytes.array()));
			return;
		}
		ArrayNode values = embedding.putArray("embedding");
		for (float value : vector) {
			values.add(value);
		}
	}

}
