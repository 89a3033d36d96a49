package dev.customllm.test.context;

import java.util.List;

import com.github.tomakehurst.wiremock.client.WireMock;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.customllm.test.LlmSimulator;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AutoConfigureLlmSimulator @AutoConfigureLlmSimulator}.
 */
@SpringJUnitConfig(AutoConfigureLlmSimulatorTests.EmptyConfiguration.class)
@AutoConfigureLlmSimulator
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConfigureLlmSimulatorTests {

	@Autowired
	private LlmSimulator simulator;

	@Autowired
	private Environment environment;

	@Test
	@Order(1)
	void pointsTheApplicationAtTheSimulatorWithADummyKey() {
		assertThat(this.environment.getProperty("custom.llm.base-url")).isEqualTo(this.simulator.baseUrl());
		assertThat(this.environment.getProperty("custom.llm.api-key")).isEqualTo("sk-llm-simulator");
		this.simulator.chat().answers("left over");
		this.simulator.wireMock().stubFor(WireMock.get("/marker").willReturn(WireMock.ok()));
	}

	@Test
	@Order(2)
	void resetsTheSimulatorBetweenTests() {
		assertThat(this.simulator.wireMock().getStubMappings())
			.noneMatch((mapping) -> "/marker".equals(mapping.getRequest().getUrl()));
	}

	@Test
	void factoryIgnoresTestsWithoutTheAnnotation() {
		LlmSimulatorContextCustomizerFactory factory = new LlmSimulatorContextCustomizerFactory();
		assertThat(factory.createContextCustomizer(String.class, List.of())).isNull();
		assertThat(factory.createContextCustomizer(AutoConfigureLlmSimulatorTests.class, List.of()))
			.isEqualTo(new LlmSimulatorContextCustomizer("sk-llm-simulator"))
			.isNotEqualTo(new LlmSimulatorContextCustomizer("other"));
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

}
