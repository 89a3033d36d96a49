package dev.customllm.autoconfigure;

import dev.customllm.CustomLlmClient;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.customllm.test.LlmSimulator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Offline mode: with {@code custom.llm.simulator.enabled=true} and the test kit on the
 * classpath, starts an embedded {@link LlmSimulator} on loopback and supplies it as the
 * {@link CustomLlmConnectionDetails}, so that an application runs with no network, no
 * base URL and no key. Named clients use it too unless they set their own base URL.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
@AutoConfiguration(before = CustomLlmAutoConfiguration.class)
@ConditionalOnClass(LlmSimulator.class)
@ConditionalOnBooleanProperty(name = "custom.llm.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = CustomLlmSimulatorProperties.PREFIX + ".enabled")
@EnableConfigurationProperties(CustomLlmSimulatorProperties.class)
public final class CustomLlmSimulatorAutoConfiguration {

	private static final Log logger = LogFactory.getLog(CustomLlmSimulatorAutoConfiguration.class);

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	LlmSimulator llmSimulator(CustomLlmSimulatorProperties properties, Environment environment) {
		LlmSimulator simulator = LlmSimulator.startWithoutJournal(properties.getPort());
		String reasoning = properties.getReasoning();
		if (reasoning != null) {
			simulator.reasoning(reasoning);
		}
		String baseUrl = environment.getProperty(CustomLlmProperties.PREFIX + ".base-url");
		logger.info("Running on an embedded LLM simulator at " + simulator.baseUrl()
				+ ", not a real model: answers are canned. Set custom.llm.simulator.enabled=false and"
				+ " custom.llm.base-url (and custom.llm.api-key or CUSTOM_API_KEY) to use a real"
				+ " OpenAI-compatible service.");
		if (baseUrl != null && !baseUrl.isBlank()) {
			logger.warn("custom.llm.simulator.enabled=true: custom.llm.base-url ("
					+ CustomLlmClient.printableUrl(baseUrl) + ") is not used, the clients talk to the simulator");
		}
		return simulator;
	}

	@Bean
	@ConditionalOnMissingBean(CustomLlmConnectionDetails.class)
	SimulatorConnectionDetails simulatorConnectionDetails(LlmSimulator llmSimulator) {
		return new SimulatorConnectionDetails(llmSimulator.baseUrl());
	}

	/**
	 * {@link CustomLlmConnectionDetails} of the embedded simulator, which needs no key.
	 *
	 * @param getBaseUrl the simulator's base URL
	 */
	record SimulatorConnectionDetails(String getBaseUrl) implements CustomLlmConnectionDetails {

		@Override
		public @Nullable String getApiKey() {
			return null;
		}

	}

}
