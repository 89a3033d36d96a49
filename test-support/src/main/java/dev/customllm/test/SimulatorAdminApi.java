package dev.customllm.test;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import com.github.tomakehurst.wiremock.admin.Router;
import com.github.tomakehurst.wiremock.common.Errors;
import com.github.tomakehurst.wiremock.common.url.PathParams;
import com.github.tomakehurst.wiremock.core.Admin;
import com.github.tomakehurst.wiremock.extension.AdminApiExtension;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP admin API of the simulator, for clients that are not written in Java: script
 * faults ({@code POST /__admin/simulator/faults}) and restore the simulated behaviour
 * ({@code POST /__admin/simulator/reset}). WireMock's own admin API
 * ({@code /__admin/requests} for the journal) is available beside it.
 */
final class SimulatorAdminApi implements AdminApiExtension {

	static final String FAULTS = "/simulator/faults";

	static final String RESET = "/simulator/reset";

	private volatile @Nullable LlmSimulator simulator;

	void attach(LlmSimulator simulator) {
		this.simulator = simulator;
	}

	@Override
	public String getName() {
		return "custom-llm-simulator-admin";
	}

	@Override
	public void contributeAdminApiRoutes(Router router) {
		router.add(RequestMethod.POST, FAULTS, this::fault);
		router.add(RequestMethod.POST, RESET, this::reset);
	}

	private ResponseDefinition reset(Admin admin, ServeEvent event, PathParams params) {
		simulator().reset();
		return ResponseDefinition.okEmptyJson();
	}

	private ResponseDefinition fault(Admin admin, ServeEvent event, PathParams params) {
		try {
			JsonNode request = SimulatorEndpoint.json.readTree(event.getRequest().getBodyAsString());
			SimulatedEndpoint endpoint = endpoint(request.path("endpoint").asString("chat"));
			LlmFault fault = fault(request);
			LlmStub<?> stub = stub(endpoint);
			int times = request.path("times").asInt(0);
			if (times > 0) {
				stub.times(times);
			}
			stub.fails(fault);
			return ResponseDefinition.okForJson(Map.of("endpoint", endpoint.path(), "fault", fault.toString(), "times",
					(times > 0) ? times : "until reset"));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return ResponseDefinition.badRequest(Errors.single(400, "Invalid fault: " + ex.getMessage()));
		}
	}

	private LlmStub<?> stub(SimulatedEndpoint endpoint) {
		LlmSimulator simulator = simulator();
		return switch (endpoint) {
			case CHAT -> simulator.chat();
			case TEXT -> simulator.completions();
			case RESPONSES -> simulator.responses();
			case EMBEDDINGS -> simulator.embeddings();
			case RERANK -> simulator.rerank();
		};
	}

	private static SimulatedEndpoint endpoint(String name) {
		return switch (name.toLowerCase(Locale.ROOT)) {
			case "chat" -> SimulatedEndpoint.CHAT;
			case "completions" -> SimulatedEndpoint.TEXT;
			case "responses" -> SimulatedEndpoint.RESPONSES;
			case "embeddings" -> SimulatedEndpoint.EMBEDDINGS;
			case "rerank" -> SimulatedEndpoint.RERANK;
			default -> throw new IllegalArgumentException(
					"endpoint must be chat, completions, responses, embeddings or rerank, but was '" + name + "'");
		};
	}

	private static LlmFault fault(JsonNode request) {
		String type = request.path("fault").asString("");
		return switch (type) {
			case "rate-limited" -> request.has("retryAfterSeconds")
					? LlmFault.rateLimited(Duration.ofSeconds(request.path("retryAfterSeconds").asLong()))
					: LlmFault.rateLimited();
			case "unavailable" -> LlmFault.unavailable();
			case "status" -> LlmFault.status(request.path("status").asInt(500),
					request.path("message").asString("Simulated failure"));
			case "malformed-body" -> LlmFault.malformedBody();
			case "connection-reset" -> LlmFault.connectionReset();
			case "empty-response" -> LlmFault.emptyResponse();
			case "cut-stream" -> LlmFault.cutStream(fragments(request));
			default -> throw new IllegalArgumentException("fault must be rate-limited, unavailable, status,"
					+ " malformed-body, connection-reset, empty-response or cut-stream, but was '" + type + "'");
		};
	}

	private static String[] fragments(JsonNode request) {
		JsonNode fragments = request.path("fragments");
		if (!fragments.isArray()) {
			return new String[] { "Partial" };
		}
		return fragments.valueStream().map((fragment) -> fragment.asString()).toArray(String[]::new);
	}

	private LlmSimulator simulator() {
		LlmSimulator simulator = this.simulator;
		if (simulator == null) {
			throw new IllegalStateException("The simulator has not started yet");
		}
		return simulator;
	}

}
