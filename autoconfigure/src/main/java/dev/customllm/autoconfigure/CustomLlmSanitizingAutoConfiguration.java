package dev.customllm.autoconfigure;

import java.util.List;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the {@link SanitizingFunction} that keeps the LLM clients' keys
 * and secret headers masked in {@code /actuator/env} and {@code /actuator/configprops},
 * even with {@code show-values: always}.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class CustomLlmSanitizingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "customLlmSanitizingFunction")
	SanitizingFunction customLlmSanitizingFunction(Environment environment) {
		List<String> secretHeaders = Binder.get(environment)
			.bind("custom.llm.secret-headers", Bindable.listOf(String.class))
			.orElse(List.of());
		return new CustomLlmSanitizingFunction(secretHeaders);
	}

}
