package dev.customllm.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The {@code gen_ai.client.operation} observation and its keys.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public enum LlmObservationDocumentation implements ObservationDocumentation {

	/**
	 * One call to an LLM service.
	 */
	CLIENT_OPERATION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultLlmObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

	};

	/**
	 * Keys with few values, used as metric tags.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/**
		 * {@code chat}, {@code text_completion} or {@code embeddings}.
		 */
		OPERATION_NAME {
			@Override
			public String asString() {
				return "gen_ai.operation.name";
			}
		},

		/**
		 * Name of the provider, {@code custom} unless configured.
		 */
		PROVIDER_NAME {
			@Override
			public String asString() {
				return "gen_ai.provider.name";
			}
		},

		/**
		 * Model asked for, or {@code unknown}.
		 */
		REQUEST_MODEL {
			@Override
			public String asString() {
				return "gen_ai.request.model";
			}
		},

		/**
		 * Model that answered, as the service named it, or {@code unknown}.
		 */
		RESPONSE_MODEL {
			@Override
			public String asString() {
				return "gen_ai.response.model";
			}
		},

		/**
		 * Simple name of the exception, or {@code none}.
		 */
		ERROR_TYPE {
			@Override
			public String asString() {
				return "error.type";
			}
		},

		/**
		 * Route of a router that sent the call, or {@code none}.
		 */
		ROUTE {
			@Override
			public String asString() {
				return "custom.llm.route";
			}
		},

		/**
		 * Deployment of the route that the call was sent to, or {@code none}.
		 */
		DEPLOYMENT {
			@Override
			public String asString() {
				return "custom.llm.deployment";
			}
		}

	}

	/**
	 * Keys with many values, recorded on spans only, and only when content recording is
	 * enabled.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/**
		 * The prompt text.
		 */
		PROMPT {
			@Override
			public String asString() {
				return "gen_ai.prompt";
			}
		},

		/**
		 * The completion text.
		 */
		COMPLETION {
			@Override
			public String asString() {
				return "gen_ai.completion";
			}
		}

	}

}
