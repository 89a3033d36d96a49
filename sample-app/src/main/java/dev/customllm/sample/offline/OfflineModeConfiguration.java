package dev.customllm.sample.offline;

import dev.customllm.autoconfigure.CustomLlmConnectionDetails;
import dev.customllm.test.LlmSimulator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Offline mode: when no {@code custom.llm.base-url} is configured, the application talks
 * to an embedded {@link LlmSimulator} on a free loopback port, so that it starts on a
 * fresh machine with no network and no API key. The {@link CustomLlmConnectionDetails}
 * defined here replace the properties-backed ones of the starter and carry no key, so
 * none is required. With a base URL set, none of this applies.
 *
 * @author Custom LLM team
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OfflineModeCondition.class)
class OfflineModeConfiguration {

	private static final Log logger = LogFactory.getLog(OfflineModeConfiguration.class);

	@Bean(destroyMethod = "close")
	LlmSimulator llmSimulator() {
		LlmSimulator simulator = LlmSimulator.startWithoutJournal(0);
		logger.info("Running on an embedded LLM simulator at " + simulator.baseUrl()
				+ ", not a real model: answers are canned. Set custom.llm.base-url (and custom.llm.api-key or "
				+ "CUSTOM_API_KEY) to use a real OpenAI-compatible service.");
		return simulator;
	}

	@Bean
	SimulatorConnectionDetails simulatorConnectionDetails(LlmSimulator llmSimulator) {
		return new SimulatorConnectionDetails(llmSimulator.baseUrl());
	}

}
