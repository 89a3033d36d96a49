package dev.customllm.test;

import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.Extension;

/**
 * The stubs and extensions that make up the simulated behaviour. They sit at a low
 * priority so that user stubs at WireMock's default priority win.
 */
final class SimulatorStubs {

	static final int PRIORITY = 100;

	private static final String MODELS = """
			{"object":"list","data":[{"id":"simulator","object":"model","owned_by":"custom-llm-simulator"}]}""";

	private static final String UNKNOWN = """
			{"error":{"message":"Unknown endpoint: the simulator serves /v1/chat/completions, \
			/v1/completions, /v1/responses, /v1/embeddings, /v1/rerank and /v1/models","type":"invalid_request_error",\
			"param":null,"code":null}}""";

	private static final int KEY_PRIORITY = 1;

	private static final String NO_KEY = """
			{"error":{"message":"You didn't provide an API key. You need to provide your API key in an \
			Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",\
			"type":"invalid_request_error","param":null,"code":null}}""";

	private static final String WRONG_KEY = """
			{"error":{"message":"Incorrect API key provided. The simulator was started with another key.",\
			"type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""";

	private SimulatorStubs() {
	}

	static Extension[] endpoints(AtomicLong ids) {
		return new Extension[] { new ChatCompletionsEndpoint(ids), new TextCompletionsEndpoint(ids),
				new ResponsesEndpoint(ids), new EmbeddingsEndpoint(), new RerankEndpoint(ids),
				new ScriptedEndpoint(ids) };
	}

	static void install(WireMockServer server) {
		server.stubFor(simulated("/v1/chat/completions", ChatCompletionsEndpoint.NAME));
		server.stubFor(simulated("/v1/completions", TextCompletionsEndpoint.NAME));
		server.stubFor(simulated("/v1/responses", ResponsesEndpoint.NAME));
		server.stubFor(simulated("/v1/embeddings", EmbeddingsEndpoint.NAME));
		server.stubFor(simulated("/v1/rerank", RerankEndpoint.NAME));
		server.stubFor(lowPriority(WireMock.get(WireMock.urlPathEqualTo("/v1/models")), json(200, MODELS)));
		server.stubFor(lowPriority(WireMock.any(WireMock.anyUrl()), json(404, UNKNOWN)).atPriority(PRIORITY + 1));
	}

	/**
	 * Refuse, before any other stub, every API request that does not carry the key as a
	 * bearer token, with OpenAI's 401 answers.
	 * @param server the server
	 * @param key the key the requests must carry
	 */
	static void requireKey(WireMockServer server, String key) {
		server.stubFor(WireMock.any(WireMock.urlPathMatching("/v1/.*"))
			.withHeader("Authorization", WireMock.absent())
			.atPriority(KEY_PRIORITY)
			.willReturn(json(401, NO_KEY)));
		server.stubFor(WireMock.any(WireMock.urlPathMatching("/v1/.*"))
			.withHeader("Authorization", WireMock.notMatching(java.util.regex.Pattern.quote("Bearer " + key)))
			.atPriority(KEY_PRIORITY + 1)
			.willReturn(json(401, WRONG_KEY)));
	}

	private static MappingBuilder simulated(String path, String transformer) {
		ResponseDefinitionBuilder response = WireMock.aResponse().withTransformers(transformer);
		return lowPriority(WireMock.post(WireMock.urlPathEqualTo(path)), response);
	}

	private static MappingBuilder lowPriority(MappingBuilder mapping, ResponseDefinitionBuilder response) {
		return mapping.atPriority(PRIORITY).willReturn(response);
	}

	private static ResponseDefinitionBuilder json(int status, String body) {
		return WireMock.aResponse()
			.withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withHeader(SimulatorEndpoint.HEADER, SimulatorEndpoint.IDENTITY)
			.withBody(body);
	}

}
