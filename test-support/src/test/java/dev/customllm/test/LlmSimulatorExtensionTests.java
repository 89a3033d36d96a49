package dev.customllm.test;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.customllm.test.SimulatorHttp.chat;
import static dev.customllm.test.SimulatorHttp.content;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LlmSimulatorExtension}.
 */
@ExtendWith(LlmSimulatorExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LlmSimulatorExtensionTests {

	private static LlmSimulator previous;

	private LlmSimulator fromBeforeEach;

	@BeforeEach
	void injectIntoLifecycleMethods(LlmSimulator simulator) {
		this.fromBeforeEach = simulator;
	}

	@Test
	@Order(1)
	void injectsARunningSimulatorOnLoopback(LlmSimulator simulator) {
		assertThat(simulator).isSameAs(this.fromBeforeEach);
		assertThat(simulator.baseUrl()).startsWith("http://127.0.0.1:").endsWith("/v1");
		simulator.chat().answers("stubbed in the first test");
		assertThat(content(new SimulatorHttp(simulator).postJson("/chat/completions", chat("Hi", false))))
			.isEqualTo("stubbed in the first test");
		previous = simulator;
	}

	@Test
	@Order(2)
	void sharesOneSimulatorPerClassAndResetsItAfterEachTest(LlmSimulator simulator) {
		assertThat(simulator).isSameAs(previous);
		assertThat(simulator.requests()).isEmpty();
		assertThat(content(new SimulatorHttp(simulator).postJson("/chat/completions", chat("Hi", false))))
			.startsWith("Simulated answer:");
	}

}
