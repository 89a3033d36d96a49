package dev.customllm.sample.offline;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when no {@code custom.llm.base-url} is set in any property source, environment
 * variables ({@code CUSTOM_LLM_BASE_URL}) included. A blank value counts as unset.
 *
 * @author Custom LLM team
 */
class OfflineModeCondition extends SpringBootCondition {

	static final String BASE_URL_PROPERTY = "custom.llm.base-url";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Offline mode");
		if (StringUtils.hasText(context.getEnvironment().getProperty(BASE_URL_PROPERTY))) {
			return ConditionOutcome.noMatch(message.found("property").items(BASE_URL_PROPERTY));
		}
		return ConditionOutcome.match(message.didNotFind("property").items(BASE_URL_PROPERTY));
	}

}
