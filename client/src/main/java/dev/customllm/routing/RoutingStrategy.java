package dev.customllm.routing;

/**
 * How a router picks the deployment of a call among those that are not cooling down.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public enum RoutingStrategy {

	/**
	 * The first deployment in the order they were added; the others take calls only when
	 * it fails or cools down.
	 */
	PRIORITY,

	/**
	 * At random, in proportion to the deployments' weights.
	 */
	WEIGHTED,

	/**
	 * The deployment with the fewest calls in flight.
	 */
	LEAST_BUSY,

	/**
	 * The deployment with the lowest moving average of the time to answer (to the first
	 * chunk for streams); a small share of calls goes elsewhere so that a deployment that
	 * became faster is noticed.
	 */
	LOWEST_LATENCY

}
