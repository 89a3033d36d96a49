package dev.customllm.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

import dev.customllm.observation.LlmObservationDocumentation.HighCardinalityKeyNames;
import dev.customllm.observation.LlmObservationDocumentation.LowCardinalityKeyNames;

/**
 * Default {@link LlmObservationConvention}: the OpenTelemetry GenAI names. Tags never
 * hold prompt or completion text; those go to high-cardinality keys (spans only) when
 * content recording is enabled.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public class DefaultLlmObservationConvention implements LlmObservationConvention {

	/**
	 * Name of the observation, and of the timer it yields.
	 */
	public static final String NAME = "gen_ai.client.operation";

	private static final String UNKNOWN = "unknown";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(LlmObservationContext context) {
		String model = context.getRequestModel();
		return context.getOperation().value() + ((model != null) ? " " + model : "");
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(LlmObservationContext context) {
		return KeyValues.of(KeyValue.of(LowCardinalityKeyNames.OPERATION_NAME, context.getOperation().value()),
				KeyValue.of(LowCardinalityKeyNames.PROVIDER_NAME, context.getProviderName()),
				KeyValue.of(LowCardinalityKeyNames.REQUEST_MODEL, orUnknown(context.getRequestModel())),
				KeyValue.of(LowCardinalityKeyNames.RESPONSE_MODEL, orUnknown(context.getResponseModel())),
				KeyValue.of(LowCardinalityKeyNames.ERROR_TYPE, errorType(context)),
				KeyValue.of(LowCardinalityKeyNames.ROUTE, orNone(context.getRoute())),
				KeyValue.of(LowCardinalityKeyNames.DEPLOYMENT, orNone(context.getDeployment())));
	}

	private static String errorType(LlmObservationContext context) {
		if (context.getError() != null) {
			return context.getError().getClass().getSimpleName();
		}
		return context.isCancelled() ? "cancelled" : "none";
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(LlmObservationContext context) {
		KeyValues values = KeyValues.empty();
		if (context.getPrompt() != null) {
			values = values.and(KeyValue.of(HighCardinalityKeyNames.PROMPT, context.getPrompt()));
		}
		if (context.getCompletion() != null) {
			values = values.and(KeyValue.of(HighCardinalityKeyNames.COMPLETION, context.getCompletion()));
		}
		return values;
	}

	private static String orNone(@Nullable String value) {
		return (value != null) ? value : "none";
	}

	private static String orUnknown(@Nullable String value) {
		return (value != null) ? value : UNKNOWN;
	}

}
