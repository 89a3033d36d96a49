package dev.customllm.test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.jspecify.annotations.Nullable;

/**
 * A fake OpenAI-compatible LLM service on loopback that answers chat, text completion,
 * embedding, rerank and model-listing requests deterministically. Chat answers honour
 * {@code response_format} with JSON in the shape of the schema asked for, and count the
 * images of a message.
 * <p>
 * Tests change its answers with fluent stubs ({@link #chat()}, {@link #completions()},
 * {@link #embeddings()}, {@link #rerank()}), make it misbehave with {@link LlmFault
 * faults}, and check what it received with {@link #requests()}. User stubs take
 * precedence over the simulated behaviour until {@link #reset()}. Plain WireMock stubs
 * added through {@link #wireMock()} work too. Over HTTP, faults are scripted with
 * {@code POST /__admin/simulator/faults} and the journal is read with
 * {@code GET /__admin/requests}; {@link SimulatorMain} runs the simulator on its own.
 *
 * <pre class="code">
 * simulator.chat().once().fails(LlmFault.rateLimited(Duration.ofSeconds(1)));
 * simulator.chat().answers("A short summary.");
 * // ... exercise the code under test ...
 * assertThat(simulator.chatRequests()).hasSize(2);
 * </pre>
 *
 * @see LlmSimulatorExtension
 * @see SimulatedEmbeddings
 * @since 0.1.0
 */
public final class LlmSimulator implements AutoCloseable {

	private static final String LOOPBACK = "127.0.0.1";

	private static final int JOURNAL_LIMIT = 10_000;

	private final WireMockServer wireMock;

	private final String host;

	private final Map<SimulatedEndpoint, Integer> steps = new EnumMap<>(SimulatedEndpoint.class);

	private volatile @Nullable String apiKey;

	private volatile @Nullable String reasoning;

	private LlmSimulator(WireMockConfiguration options, String host) {
		SimulatorAdminApi adminApi = new SimulatorAdminApi();
		this.wireMock = new WireMockServer(options.extensions(adminApi));
		this.host = ("0.0.0.0".equals(host) || "::".equals(host)) ? LOOPBACK : host;
		this.wireMock.start();
		SimulatorStubs.install(this.wireMock);
		adminApi.attach(this);
	}

	/**
	 * Start a simulator on a free loopback port, with a bounded request journal.
	 * @return the running simulator
	 */
	public static LlmSimulator start() {
		return start(0);
	}

	/**
	 * Start a simulator on the given loopback port, with a bounded request journal.
	 * @param port the port to listen on, or {@code 0} for a free one
	 * @return the running simulator
	 */
	public static LlmSimulator start(int port) {
		return start(LOOPBACK, port);
	}

	/**
	 * Start a simulator on the given address and port, with a bounded request journal.
	 * Use {@code 0.0.0.0} to accept connections from other machines or containers.
	 * @param host the address to listen on, such as {@code 127.0.0.1}
	 * @param port the port to listen on, or {@code 0} for a free one
	 * @return the running simulator
	 */
	public static LlmSimulator start(String host, int port) {
		return new LlmSimulator(options(host, port).maxRequestJournalEntries(JOURNAL_LIMIT), host);
	}

	/**
	 * Start a simulator that records no requests, for long-running applications. Request
	 * verification through {@link #wireMock()} is unavailable on it.
	 * @param port the port to listen on, or {@code 0} for a free one
	 * @return the running simulator
	 */
	public static LlmSimulator startWithoutJournal(int port) {
		return new LlmSimulator(options(LOOPBACK, port).disableRequestJournal(), LOOPBACK);
	}

	private static WireMockConfiguration options(String host, int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("Port must be between 0 and 65535, but was " + port);
		}
		return WireMockConfiguration.options()
			.port(port)
			.bindAddress(host)
			.http2PlainDisabled(true)
			.gzipDisabled(true)
			.notifier(new QuietNotifier())
			.extensions(SimulatorStubs.endpoints(new AtomicLong()));
	}

	/**
	 * Return the base URL of the simulated API, ending in {@code /v1}.
	 * @return the base URL
	 */
	public String baseUrl() {
		return "http://" + (this.host.contains(":") ? "[" + this.host + "]" : this.host) + ":" + port() + "/v1";
	}

	/**
	 * Return the port the simulator listens on.
	 * @return the port
	 */
	public int port() {
		return this.wireMock.port();
	}

	/**
	 * Return the underlying WireMock server, to add stubs (at the default priority they
	 * override the simulated behaviour) and to verify requests.
	 * @return the WireMock server
	 */
	public WireMockServer wireMock() {
		return this.wireMock;
	}

	/**
	 * Stub {@code POST /v1/chat/completions}.
	 * @return a new stub, effective once answered with
	 */
	public CompletionStub chat() {
		return new CompletionStub(this, SimulatedEndpoint.CHAT);
	}

	/**
	 * Stub the legacy text completions, {@code POST /v1/completions}.
	 * @return a new stub, effective once answered with
	 */
	public CompletionStub completions() {
		return new CompletionStub(this, SimulatedEndpoint.TEXT);
	}

	/**
	 * Stub the Responses API, {@code POST /v1/responses}: text and tool calls, answered
	 * in its shape (streamed with its typed events).
	 * @return a new stub, effective once answered with
	 */
	public CompletionStub responses() {
		return new CompletionStub(this, SimulatedEndpoint.RESPONSES);
	}

	/**
	 * Stub {@code POST /v1/embeddings}.
	 * @return a new stub, effective once answered with
	 */
	public EmbeddingStub embeddings() {
		return new EmbeddingStub(this);
	}

	/**
	 * Stub {@code POST /v1/rerank}.
	 * @return a new stub, effective once answered with
	 */
	public RerankStub rerank() {
		return new RerankStub(this);
	}

	/**
	 * Return the requests received since the start or the last {@link #reset()}.
	 * @return the requests, oldest first
	 */
	public List<LlmRequest> requests() {
		List<LlmRequest> requests = new ArrayList<>();
		this.wireMock.getAllServeEvents().forEach((event) -> requests.add(0, new LlmRequest(event.getRequest())));
		return List.copyOf(requests);
	}

	/**
	 * Return the chat completion requests received.
	 * @return the requests, oldest first
	 */
	public List<LlmRequest> chatRequests() {
		return requests(SimulatedEndpoint.CHAT);
	}

	/**
	 * Return the text completion requests received.
	 * @return the requests, oldest first
	 */
	public List<LlmRequest> completionRequests() {
		return requests(SimulatedEndpoint.TEXT);
	}

	/**
	 * Return the Responses API requests received.
	 * @return the requests, oldest first
	 */
	public List<LlmRequest> responsesRequests() {
		return requests(SimulatedEndpoint.RESPONSES);
	}

	/**
	 * Return the embedding requests received.
	 * @return the requests, oldest first
	 */
	public List<LlmRequest> embeddingRequests() {
		return requests(SimulatedEndpoint.EMBEDDINGS);
	}

	/**
	 * Return the rerank requests received.
	 * @return the requests, oldest first
	 */
	public List<LlmRequest> rerankRequests() {
		return requests(SimulatedEndpoint.RERANK);
	}

	private List<LlmRequest> requests(SimulatedEndpoint endpoint) {
		return requests().stream().filter((request) -> request.path().equals(endpoint.path())).toList();
	}

	/**
	 * Require an API key, as a real service does: from now on, every API request without
	 * {@code Authorization: Bearer <key>} is answered {@code 401} with OpenAI's error
	 * body, before any stub or fault. Kept across {@link #reset()}.
	 * @param key the key
	 * @return this simulator
	 */
	public LlmSimulator requireApiKey(String key) {
		if (key == null || key.isBlank()) {
			throw new IllegalArgumentException("key must not be blank");
		}
		this.apiKey = key;
		SimulatorStubs.requireKey(this.wireMock, key);
		return this;
	}

	/**
	 * Remove all user stubs, scenarios and recorded requests, keeping the simulated
	 * behaviour and a {@link #requireApiKey(String) required key}. Not meant to be called
	 * while requests are in flight.
	 */
	public synchronized void reset() {
		this.wireMock.resetAll();
		this.steps.clear();
		SimulatorStubs.install(this.wireMock);
		String key = this.apiKey;
		if (key != null) {
			SimulatorStubs.requireKey(this.wireMock, key);
		}
		String style = this.reasoning;
		if (style != null) {
			chat().reasons(style);
		}
	}

	/**
	 * Make every chat answer carry a reasoning model's reasoning, whatever the model, as
	 * {@link CompletionStub#reasons(String)} does, from now on and after
	 * {@link #reset()}: the simulated behaviour of a reasoning model.
	 * @param style {@code reasoning_content}, {@code reasoning}, {@code think} or
	 * {@code none}
	 * @return this simulator
	 * @throws IllegalArgumentException if the style is none of these
	 */
	public synchronized LlmSimulator reasoning(String style) {
		chat().reasons(style);
		this.reasoning = style;
		return this;
	}

	/**
	 * Add the stubs of the next {@code count} steps of an endpoint's sequence.
	 * @param endpoint the endpoint
	 * @param count the number of requests the stub applies to
	 * @param mapping a supplier of the stub's mapping
	 */
	synchronized void stubSequence(SimulatedEndpoint endpoint, int count, Supplier<MappingBuilder> mapping) {
		int first = this.steps.getOrDefault(endpoint, 0);
		for (int step = first; step < first + count; step++) {
			this.wireMock.stubFor(mapping.get()
				.inScenario(endpoint.scenario())
				.whenScenarioStateIs(state(step))
				.willSetStateTo(state(step + 1)));
		}
		this.steps.put(endpoint, first + count);
	}

	private static String state(int step) {
		return (step == 0) ? Scenario.STARTED : "step-" + step;
	}

	/**
	 * Stop the simulator.
	 */
	@Override
	public void close() {
		if (this.wireMock.isRunning()) {
			this.wireMock.stop();
		}
	}

}
