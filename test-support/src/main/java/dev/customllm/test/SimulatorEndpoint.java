package dev.customllm.test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Base for the simulated JSON endpoints: parses the request body and turns invalid
 * requests into OpenAI-style 400 answers. Applies only to the stubs that name it.
 */
abstract class SimulatorEndpoint implements ResponseDefinitionTransformerV2 {

	static final String HEADER = "x-simulator";

	static final String IDENTITY = "custom-llm-simulator";

	static final JsonMapper json = JsonMapper.builder().build();

	private static final int MAX_CHOICES = 128;

	@Override
	public final ResponseDefinition transform(ServeEvent serveEvent) {
		try {
			Parameters parameters = serveEvent.getResponseDefinition().getTransformerParameters();
			return respond(parse(serveEvent.getRequest().getBodyAsString()),
					withHeaders(serveEvent, (parameters != null) ? parameters : Parameters.empty()));
		}
		catch (InvalidRequestException ex) {
			return answer(400, "application/json", json.writeValueAsString(error(ex))).build();
		}
	}

	@Override
	public final boolean applyGlobally() {
		return false;
	}

	/**
	 * Answer a well-formed request.
	 * @param request the request body
	 * @return the response
	 * @throws InvalidRequestException if the request cannot be answered
	 */
	abstract ResponseDefinition respond(ObjectNode request);

	/**
	 * Answer a well-formed request, as a stub with parameters asks.
	 * @param request the request body
	 * @param parameters the parameters of the stub
	 * @return the response
	 * @throws InvalidRequestException if the request cannot be answered
	 */
	ResponseDefinition respond(ObjectNode request, Parameters parameters) {
		return respond(request);
	}

	/**
	 * Add the request headers that shape an answer to the stub's parameters.
	 */
	private static Parameters withHeaders(ServeEvent serveEvent, Parameters parameters) {
		String reasoning = serveEvent.getRequest().getHeader(SimulatedReasoning.HEADER);
		if (reasoning == null) {
			return parameters;
		}
		Map<String, Object> withReasoning = new HashMap<>(parameters);
		withReasoning.put(SimulatedReasoning.HEADER, reasoning);
		return Parameters.from(withReasoning);
	}

	private static ObjectNode parse(String body) {
		JsonNode node;
		try {
			node = json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidRequestException("Malformed JSON in request body: " + ex.getOriginalMessage());
		}
		if (node instanceof ObjectNode object) {
			return object;
		}
		throw new InvalidRequestException("Request body must be a JSON object");
	}

	static ResponseDefinitionBuilder answer(int status, String contentType, String body) {
		return ResponseDefinitionBuilder.responseDefinition()
			.withStatus(status)
			.withHeader("Content-Type", contentType)
			.withHeader(HEADER, IDENTITY)
			.withBody(body);
	}

	static ResponseDefinition ok(ObjectNode body) {
		return answer(200, "application/json", json.writeValueAsString(body)).build();
	}

	static ObjectNode header(String id, String object, ObjectNode request) {
		ObjectNode node = json.createObjectNode();
		node.put("id", id);
		node.put("object", object);
		node.put("created", Instant.now().getEpochSecond());
		node.put("model", model(request));
		return node;
	}

	static String model(ObjectNode request) {
		JsonNode model = request.path("model");
		return (model.isString() && !model.stringValue().isBlank()) ? model.stringValue() : "simulator";
	}

	static int maxTokens(ObjectNode request) {
		JsonNode max = request.has("max_completion_tokens") ? request.path("max_completion_tokens")
				: request.path("max_tokens");
		if (max.isMissingNode() || max.isNull()) {
			return Integer.MAX_VALUE;
		}
		if (!max.canConvertToInt() || !max.isIntegralNumber() || max.intValue() < 1) {
			throw new InvalidRequestException("max_tokens must be a positive integer");
		}
		return max.intValue();
	}

	static boolean streamed(ObjectNode request) {
		return request.path("stream").asBoolean(false);
	}

	static ObjectNode usage(int promptTokens, int completionTokens) {
		ObjectNode usage = json.createObjectNode();
		usage.put("prompt_tokens", promptTokens);
		if (completionTokens >= 0) {
			usage.put("completion_tokens", completionTokens);
		}
		usage.put("total_tokens", promptTokens + Math.max(completionTokens, 0));
		return usage;
	}

	/**
	 * Check {@code temperature} as OpenAI does: a number from 0 to 2.
	 * @param request the request body
	 * @throws InvalidRequestException if it is out of range
	 */
	static void checkTemperature(ObjectNode request) {
		JsonNode temperature = request.path("temperature");
		if (temperature.isMissingNode() || temperature.isNull()) {
			return;
		}
		if (!temperature.isNumber()) {
			throw new InvalidRequestException(
					"Invalid type for 'temperature': expected a decimal, but got "
							+ temperature.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " instead.",
					"temperature", "invalid_type");
		}
		double value = temperature.doubleValue();
		if (value < 0) {
			throw new InvalidRequestException("Invalid 'temperature': decimal below minimum value. Expected a value"
					+ " >= 0, but got " + temperature + " instead.", "temperature", "decimal_below_min_value");
		}
		if (value > 2) {
			throw new InvalidRequestException("Invalid 'temperature': decimal above maximum value. Expected a value"
					+ " <= 2, but got " + temperature + " instead.", "temperature", "decimal_above_max_value");
		}
	}

	/**
	 * Return how many choices a request asks for ({@code n}), from 1 to 128 as OpenAI
	 * allows.
	 * @param request the request body
	 * @return the number of choices, 1 when absent
	 * @throws InvalidRequestException if it is not an integer in range
	 */
	static int choices(ObjectNode request) {
		JsonNode n = request.path("n");
		if (n.isMissingNode() || n.isNull()) {
			return 1;
		}
		if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 1 || n.intValue() > MAX_CHOICES) {
			throw new InvalidRequestException(
					"Invalid 'n': expected an integer from 1 to " + MAX_CHOICES + ", but got " + n + " instead.", "n",
					"invalid_value");
		}
		return n.intValue();
	}

	private static ObjectNode error(InvalidRequestException failure) {
		ObjectNode body = json.createObjectNode();
		ObjectNode error = body.putObject("error");
		error.put("message", failure.getMessage());
		error.put("type", "invalid_request_error");
		error.put("param", failure.param());
		error.put("code", failure.code());
		return body;
	}

}
