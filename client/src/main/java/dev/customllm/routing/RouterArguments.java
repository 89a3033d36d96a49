package dev.customllm.routing;

/**
 * Checks of the arguments of the routers' builders.
 *
 * @author Custom LLM team
 */
final class RouterArguments {

	private RouterArguments() {
	}

	static void deployment(String name, Object model, int weight) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("deployment name must not be blank");
		}
		if (model == null) {
			throw new IllegalArgumentException("model of deployment '" + name + "' must not be null");
		}
		if (weight < 1) {
			throw new IllegalArgumentException(
					"weight of deployment '" + name + "' must be at least 1, but was " + weight);
		}
	}

}
