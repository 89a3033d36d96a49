package dev.customllm.testing;

import java.util.function.UnaryOperator;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.customllm.CustomLlmClient;
import dev.customllm.test.LlmSimulator;

/**
 * The fixture the client's model-level tests share: one simulator and one client on it
 * for a whole test class, the client configured by the class, the simulator's stubs and
 * journal reset after each test.
 *
 * <pre class="code">
 * &#064;RegisterExtension
 * static final SimulatedClient fixture = SimulatedClient.configured((builder) -&gt; builder.apiKey("sk-test"));
 * </pre>
 */
public final class SimulatedClient implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

	private final UnaryOperator<CustomLlmClient.Builder> settings;

	private @Nullable LlmSimulator simulator;

	private @Nullable CustomLlmClient client;

	private SimulatedClient(UnaryOperator<CustomLlmClient.Builder> settings) {
		this.settings = settings;
	}

	/**
	 * Create the fixture.
	 * @param settings configures the client's builder, whose base URL is the simulator's
	 * @return the fixture, to be registered with {@code @RegisterExtension}
	 */
	public static SimulatedClient configured(UnaryOperator<CustomLlmClient.Builder> settings) {
		return new SimulatedClient(settings);
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.simulator = LlmSimulator.start();
		this.client = this.settings.apply(CustomLlmClient.builder().baseUrl(this.simulator.baseUrl())).build();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		simulator().reset();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.client != null) {
			this.client.close();
		}
		if (this.simulator != null) {
			this.simulator.close();
		}
	}

	/**
	 * Return the client.
	 * @return the client
	 */
	public CustomLlmClient client() {
		if (this.client == null) {
			throw new IllegalStateException("The fixture has not started: register it with @RegisterExtension");
		}
		return this.client;
	}

	/**
	 * Return the simulator.
	 * @return the simulator
	 */
	public LlmSimulator simulator() {
		if (this.simulator == null) {
			throw new IllegalStateException("The fixture has not started: register it with @RegisterExtension");
		}
		return this.simulator;
	}

	/**
	 * Return the simulator's WireMock server, to stub or verify raw exchanges.
	 * @return the server
	 */
	public WireMockServer wireMock() {
		return simulator().wireMock();
	}

}
