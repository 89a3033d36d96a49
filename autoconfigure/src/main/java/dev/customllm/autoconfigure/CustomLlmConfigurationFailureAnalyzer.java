package dev.customllm.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link CustomLlmConfigurationException} as what is wrong and which property
 * or variable to set.
 *
 * @author Custom LLM team
 */
class CustomLlmConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<CustomLlmConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CustomLlmConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
