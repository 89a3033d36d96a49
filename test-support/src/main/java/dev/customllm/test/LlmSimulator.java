package dev.customllm.test;

import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * A fake OpenAI-compatible LLM service on loopback that answers chat, text completion,
 * embedding and model-listing requests deterministically. Tests may add their own stubs
 * through {@link #wireMock()}: they take precedence over the simulated behaviour.
 *
 * @see SimulatedEmbeddings
 */
public final class LlmSimulator implements AutoCloseable {

	private static final String LOOPBACK = "127.0.0.1";

	private static final int JOURNAL_LIMIT = 10_000;

	private final WireMockServer wireMock;

	private LlmSimulator(WireMockConfiguration options) {
		this.wireMock = new WireMockServer(options);
		this.wireMock.start();
		SimulatorStubs.install(this.wireMock);
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
		return new LlmSimulator(options(port).maxRequestJournalEntries(JOURNAL_LIMIT));
	}

	/**
	 * Start a simulator that records no requests, for long-running applications. Request
	 * verification through {@link #wireMock()} is unavailable on it.
	 * @param port the port to listen on, or {@code 0} for a free one
	 * @return the running simulator
	 */
	public static LlmSimulator startWithoutJournal(int port) {
		return new LlmSimulator(options(port).disableRequestJournal());
	}

	private static WireMockConfiguration options(int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("Port must be between 0 and 65535, but was " + port);
		}
		return WireMockConfiguration.options()
			.port(port)
			.bindAddress(LOOPBACK)
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
		return "http://" + LOOPBACK + ":" + port() + "/v1";
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
	 * Remove all user stubs, scenarios and recorded requests, keeping the simulated
	 * behaviour. Not meant to be called while requests are in flight.
	 */
	public void reset() {
		this.wireMock.resetAll();
		SimulatorStubs.install(this.wireMock);
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
