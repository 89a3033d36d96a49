package dev.customllm.test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several simulated deployments of one model, each an {@link LlmSimulator} of its own on
 * loopback, for tests of routing and failover: one line takes a deployment down, slows it
 * or heals it, and another counts the calls it received.
 *
 * <pre class="code">
 * try (SimulatedDeployments deployments = SimulatedDeployments.start("zone-a", "zone-b")) {
 *     deployments.down("zone-a");
 *     // build one client per deployments.baseUrl(name), route over them, call...
 *     assertThat(deployments.calls("zone-b")).isEqualTo(1);
 * }
 * </pre>
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class SimulatedDeployments implements AutoCloseable {

	private final Map<String, LlmSimulator> simulators;

	private SimulatedDeployments(Map<String, LlmSimulator> simulators) {
		this.simulators = simulators;
	}

	/**
	 * Start one simulator per deployment, each on a free port of loopback.
	 * @param names the names of the deployments
	 * @return the deployments, all healthy
	 */
	public static SimulatedDeployments start(String... names) {
		if (names.length == 0) {
			throw new IllegalArgumentException("At least one deployment name is needed");
		}
		Map<String, LlmSimulator> simulators = new LinkedHashMap<>();
		try {
			for (String name : names) {
				if (simulators.containsKey(name)) {
					throw new IllegalArgumentException("Deployment '" + name + "' is named twice");
				}
				simulators.put(name, LlmSimulator.start());
			}
		}
		catch (RuntimeException ex) {
			simulators.values().forEach(LlmSimulator::close);
			throw ex;
		}
		return new SimulatedDeployments(simulators);
	}

	/**
	 * Return the names of the deployments, in the order they were given.
	 * @return the names
	 */
	public List<String> names() {
		return List.copyOf(this.simulators.keySet());
	}

	/**
	 * Return the simulator of a deployment, for stubs this class has no shortcut for.
	 * @param name the name of the deployment
	 * @return its simulator
	 */
	public LlmSimulator deployment(String name) {
		LlmSimulator simulator = this.simulators.get(name);
		if (simulator == null) {
			throw new IllegalArgumentException("No deployment named '" + name + "'; there are " + names());
		}
		return simulator;
	}

	/**
	 * Return the base URL of a deployment, for a client.
	 * @param name the name of the deployment
	 * @return the base URL, ending with {@code /v1}
	 */
	public String baseUrl(String name) {
		return deployment(name).baseUrl();
	}

	/**
	 * Make every chat and text completion call of a deployment fail that way.
	 * @param name the name of the deployment
	 * @param fault the fault
	 */
	public void fail(String name, LlmFault fault) {
		LlmSimulator simulator = deployment(name);
		simulator.chat().fails(fault);
		simulator.completions().fails(fault);
	}

	/**
	 * Make every call of a deployment, embeddings and reranking included, answer 503.
	 * @param name the name of the deployment
	 */
	public void down(String name) {
		LlmSimulator simulator = deployment(name);
		fail(name, LlmFault.unavailable());
		simulator.embeddings().fails(LlmFault.unavailable());
		simulator.rerank().fails(LlmFault.unavailable());
	}

	/**
	 * Make the chat calls of a deployment answer after a delay.
	 * @param name the name of the deployment
	 * @param delay the delay
	 */
	public void slow(String name, Duration delay) {
		deployment(name).chat().delayedBy(delay).answers("A slow answer from " + name + ".");
	}

	/**
	 * Make a deployment healthy again: its faults and delays are removed, and the calls
	 * it received forgotten.
	 * @param name the name of the deployment
	 */
	public void heal(String name) {
		deployment(name).reset();
	}

	/**
	 * Heal every deployment.
	 */
	public void reset() {
		this.simulators.values().forEach(LlmSimulator::reset);
	}

	/**
	 * Return how many calls a deployment received, on any endpoint.
	 * @param name the name of the deployment
	 * @return the number of calls
	 */
	public int calls(String name) {
		return deployment(name).requests().size();
	}

	/**
	 * Stop every simulator.
	 */
	@Override
	public void close() {
		this.simulators.values().forEach(LlmSimulator::close);
	}

}
