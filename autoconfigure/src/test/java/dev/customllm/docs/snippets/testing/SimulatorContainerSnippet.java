package dev.customllm.docs.snippets.testing;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The simulator image under Testcontainers, as docs/testing.md shows it; never started
 * here, {@code SimulatorContainerTests} runs the image.
 */
final class SimulatorContainerSnippet {

	private SimulatorContainerSnippet() {
	}

	@SuppressWarnings("resource")
	static String baseUrl() {
		GenericContainer<?> simulator = new GenericContainer<>("custom-llm-simulator:0.1.0-SNAPSHOT")
			.withExposedPorts(8089)
			.waitingFor(Wait.forLogMessage(".*LLM simulator .* listening on .*\\n", 1));
		// base URL: http://{getHost()}:{getMappedPort(8089)}/v1
		return simulator.getDockerImageName();
	}

}
