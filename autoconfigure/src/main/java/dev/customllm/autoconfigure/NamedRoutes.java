package dev.customllm.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import dev.customllm.CustomLlmClient;
import dev.customllm.completion.CompletionModel;
import dev.customllm.routing.CompletionRouter;
import dev.customllm.routing.CooldownStore;
import dev.customllm.routing.EmbeddingRouter;
import dev.customllm.routing.RoutingStrategy;

/**
 * Reads the routes ({@code custom.llm.routes.<route>.*}) from the environment and builds
 * their routers over the clients' beans. A route that cannot work fails start-up with a
 * {@link CustomLlmConfigurationException} naming the property at fault.
 *
 * @author Custom LLM team
 */
final class NamedRoutes {

	static final String ROUTES = CustomLlmProperties.PREFIX + ".routes";

	static final String DEFAULT_CLIENT = "default";

	private NamedRoutes() {
	}

	static Set<String> names(Environment environment) {
		return Binder.get(environment)
			.bind(ROUTES, Bindable.mapOf(String.class, Object.class))
			.map(Map::keySet)
			.orElse(Set.of());
	}

	static String prefix(String route) {
		return ROUTES + "." + route;
	}

	/**
	 * Bind and check the properties of a route.
	 * @param environment the environment
	 * @param route the name of the route
	 * @return the properties
	 * @throws CustomLlmConfigurationException if the route has no deployment or names a
	 * client that does not exist
	 */
	static CustomLlmRouteProperties properties(Environment environment, String route) {
		CustomLlmRouteProperties properties = Binder.get(environment)
			.bind(prefix(route), Bindable.of(CustomLlmRouteProperties.class))
			.orElseGet(CustomLlmRouteProperties::new);
		if (properties.getDeployments().isEmpty()) {
			throw invalid(prefix(route) + ".deployments", "route '" + route + "' lists no deployment",
					"List its clients, such as '" + prefix(route) + ".deployments[0].client=default'.");
		}
		Set<String> clients = NamedClients.names(environment);
		for (int i = 0; i < properties.getDeployments().size(); i++) {
			String client = properties.getDeployments().get(i).getClient();
			String property = prefix(route) + ".deployments[" + i + "].client";
			if (client == null || client.isBlank()) {
				throw invalid(property, "deployment " + i + " of route '" + route + "' names no client",
						"Set it to 'default' or to the name of a client of custom.llm.clients.");
			}
			if (!client.equals(DEFAULT_CLIENT) && !clients.contains(client)) {
				throw invalid(property, "route '" + route + "' names client '" + client + "', which does not exist",
						"Set it to 'default' or to one of the named clients " + clients + ".");
			}
		}
		String fallback = properties.getContextWindowFallback();
		if (fallback != null && !names(environment).contains(fallback)) {
			throw invalid(prefix(route) + ".context-window-fallback",
					"route '" + route + "' falls back to route '" + fallback + "', which does not exist",
					"Set it to one of the routes " + names(environment) + ", or remove it.");
		}
		return properties;
	}

	static CompletionRouter completionRouter(String route, Environment environment, BeanFactory beanFactory) {
		CustomLlmRouteProperties properties = properties(environment, route);
		CompletionRouter.Builder builder = CompletionRouter.builder().name(route);
		List<CustomLlmClient> clients = clients(route, properties, beanFactory);
		return build(prefix(route), "Correct the '" + prefix(route) + ".*' properties.", () -> {
			builder.strategy(properties.getStrategy())
				.allowedFails(properties.getAllowedFails())
				.cooldown(properties.getCooldown())
				.failoverOn(properties.getFailoverOn().stream().mapToInt(Integer::intValue).toArray());
			MeterRegistry meterRegistry = beanFactory.getBeanProvider(MeterRegistry.class).getIfAvailable();
			if (meterRegistry != null) {
				builder.meterRegistry(meterRegistry);
			}
			builder.cooldownStore(beanFactory.getBeanProvider(CooldownStore.class).getIfAvailable());
			for (int i = 0; i < clients.size(); i++) {
				CustomLlmRouteProperties.Deployment deployment = properties.getDeployments().get(i);
				builder.deployment(Objects.requireNonNull(deployment.getClient()), clients.get(i).completionModel(),
						deployment.getWeight());
			}
			String fallback = properties.getContextWindowFallback();
			if (fallback != null) {
				builder.contextWindowFallback(beanFactory.getBean(fallback + "CompletionModel", CompletionModel.class));
			}
			return builder.build();
		});
	}

	static EmbeddingRouter embeddingRouter(String route, Environment environment, BeanFactory beanFactory) {
		CustomLlmRouteProperties properties = properties(environment, route);
		EmbeddingRouter.Builder builder = EmbeddingRouter.builder().name(route);
		List<CustomLlmClient> clients = clients(route, properties, beanFactory);
		return build(prefix(route) + ".deployments", "Route over clients of one embedding model, or set '"
				+ prefix(route) + ".embeddings=false' for a route of completions only.", () -> {
					builder.allowedFails(properties.getAllowedFails())
						.cooldown(properties.getCooldown())
						.failoverOn(properties.getFailoverOn().stream().mapToInt(Integer::intValue).toArray());
					MeterRegistry meterRegistry = beanFactory.getBeanProvider(MeterRegistry.class).getIfAvailable();
					if (meterRegistry != null) {
						builder.meterRegistry(meterRegistry);
					}
					builder.cooldownStore(beanFactory.getBeanProvider(CooldownStore.class).getIfAvailable());
					if (properties.getStrategy() != RoutingStrategy.PRIORITY) {
						builder.strategy(properties.getStrategy());
					}
					for (int i = 0; i < clients.size(); i++) {
						CustomLlmRouteProperties.Deployment deployment = properties.getDeployments().get(i);
						builder.deployment(Objects.requireNonNull(deployment.getClient()),
								clients.get(i).embeddingModel(), deployment.getWeight());
					}
					return builder.build();
				});
	}

	private static List<CustomLlmClient> clients(String route, CustomLlmRouteProperties properties,
			BeanFactory beanFactory) {
		List<CustomLlmClient> clients = new ArrayList<>();
		for (int i = 0; i < properties.getDeployments().size(); i++) {
			String client = Objects.requireNonNull(properties.getDeployments().get(i).getClient());
			String bean = client.equals(DEFAULT_CLIENT) ? "customLlmClient"
					: NamedClientsRegistrar.clientBeanName(client);
			if (!beanFactory.containsBean(bean)) {
				throw invalid(prefix(route) + ".deployments[" + i + "].client",
						"route '" + route + "' names client '" + client + "', which is not defined",
						"Configure that client (custom.llm.base-url for 'default'), or name another one.");
			}
			clients.add(beanFactory.getBean(bean, CustomLlmClient.class));
		}
		return clients;
	}

	private static <R> R build(String property, String action, Supplier<R> router) {
		try {
			return router.get();
		}
		catch (IllegalArgumentException ex) {
			throw invalid(property, Objects.requireNonNullElse(ex.getMessage(), "invalid route"), action);
		}
	}

	private static CustomLlmConfigurationException invalid(String property, String problem, String action) {
		return new CustomLlmConfigurationException("The property '" + property + "' is invalid: " + problem + ".",
				action);
	}

}
