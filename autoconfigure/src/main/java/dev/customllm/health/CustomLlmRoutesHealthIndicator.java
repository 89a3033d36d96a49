package dev.customllm.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.customllm.routing.DeploymentStatus;

/**
 * Health of the routes: each deployment's state ({@code healthy}, {@code cooling} until a
 * time, {@code half-open}) in the details, by route. It is always UP: a router whose
 * deployments all cool down still tries the one whose cooldown ends first, and each
 * client's own health indicator tells whether its service answers.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public class CustomLlmRoutesHealthIndicator extends AbstractHealthIndicator {

	private final Map<String, Supplier<List<DeploymentStatus>>> routes;

	/**
	 * Create a new instance.
	 * @param routes the state of the deployments of each route, by the route's name
	 */
	public CustomLlmRoutesHealthIndicator(Map<String, Supplier<List<DeploymentStatus>>> routes) {
		super("Route health check failed");
		this.routes = Map.copyOf(routes);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, Object> details = new LinkedHashMap<>();
		for (Map.Entry<String, Supplier<List<DeploymentStatus>>> route : this.routes.entrySet()) {
			Map<String, Object> deployments = new LinkedHashMap<>();
			for (DeploymentStatus status : route.getValue().get()) {
				Map<String, Object> state = new LinkedHashMap<>();
				state.put("state", status.state().name().toLowerCase(Locale.ROOT).replace('_', '-'));
				if (status.coolingUntil() != null) {
					state.put("coolingUntil", status.coolingUntil().toString());
				}
				deployments.put(status.name(), state);
			}
			details.put(route.getKey(), deployments);
		}
		builder.up().withDetails(details);
	}

}
