package dev.customllm.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} for {@link LlmObservationContext}; declare a bean of this
 * type to replace the {@link DefaultLlmObservationConvention}.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public interface LlmObservationConvention extends ObservationConvention<LlmObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof LlmObservationContext;
	}

}
