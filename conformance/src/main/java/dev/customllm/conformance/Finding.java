package dev.customllm.conformance;

/**
 * What a probe found out about one capability of the service.
 *
 * @param capability the capability, for example "embeddings (base64)"
 * @param support how far the service supports it
 * @param observed what the service did, in a few words
 * @param starter what the starter does about it
 * @since 0.1.0
 */
public record Finding(String capability, Support support, String observed, String starter) {

	/**
	 * How far a service supports a capability.
	 */
	public enum Support {

		/**
		 * Supported as OpenAI does.
		 */
		YES,

		/**
		 * Answered, but not as OpenAI does.
		 */
		PARTLY,

		/**
		 * Refused or broken.
		 */
		NO

	}

}
