package dev.customllm.autoconfigure;

import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the default client ({@code custom.llm.*}) is wanted: when no named clients
 * are configured, or when the default one is configured too (its base URL is set, or a
 * {@link CustomLlmConnectionDetails} bean is defined; other top-level values are settings
 * the named clients inherit).
 *
 * @author Custom LLM team
 */
class DefaultClientCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		Set<String> names = NamedClients.names(environment);
		if (names.isEmpty()) {
			return ConditionOutcome.match("no named clients are configured");
		}
		if (environment.containsProperty("custom.llm.base-url")) {
			return ConditionOutcome.match("custom.llm.base-url is set besides named clients");
		}
		if (context.getBeanFactory() != null
				&& context.getBeanFactory().getBeanNamesForType(CustomLlmConnectionDetails.class).length > 0) {
			return ConditionOutcome.match("a CustomLlmConnectionDetails bean is defined besides named clients");
		}
		return ConditionOutcome.noMatch("only named clients " + names + " are configured");
	}

}
