package dev.customllm.routing;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The state of one deployment of a route, as health checks show it.
 *
 * @param name the name of the deployment
 * @param state whether it takes calls
 * @param coolingUntil when its cooldown ends, or {@code null} when it is healthy
 * @author Custom LLM team
 * @since 0.1.0
 */
public record DeploymentStatus(String name, State state, @Nullable Instant coolingUntil) {

	/**
	 * Whether a deployment takes calls.
	 */
	public enum State {

		/**
		 * It takes calls.
		 */
		HEALTHY,

		/**
		 * It failed too often, or asked to be left alone, and takes no calls until its
		 * cooldown ends (unless every deployment of the route is cooling down).
		 */
		COOLING,

		/**
		 * Its cooldown ended: the next call is a probe, and it takes full traffic again
		 * once a probe succeeds.
		 */
		HALF_OPEN

	}

}
