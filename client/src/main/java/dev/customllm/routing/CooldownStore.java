package dev.customllm.routing;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Shares the cooldowns of routes between the instances of an application, such as Redis
 * ({@code RedisCooldownStore} in {@code custom-llm-redis}): when one instance sees a
 * deployment fail, every instance keeps off it until its cooldown ends. A store that
 * cannot be reached fails its futures; the routers then keep their cooldowns to
 * themselves until it answers again, and never fail a call because of it.
 * {@link Object#toString() toString()} names the store in logs and must not contain
 * credentials.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public interface CooldownStore {

	/**
	 * Record that a deployment of a route cools down, and tell every listener of the
	 * route.
	 * @param route the name of the route
	 * @param deployment the name of the deployment
	 * @param until when the cooldown ends
	 * @return completes once the store took it
	 */
	CompletableFuture<Void> coolDown(String route, String deployment, Instant until);

	/**
	 * Return the cooldowns of a route that have not ended yet.
	 * @param route the name of the route
	 * @return completes with the end of each cooldown, by deployment
	 */
	CompletableFuture<Map<String, Instant>> cooldowns(String route);

	/**
	 * Listen to the cooldowns recorded for a route by any instance, this one included.
	 * @param route the name of the route
	 * @param listener told the deployment and the end of its cooldown
	 * @return stops listening when closed
	 */
	AutoCloseable listen(String route, BiConsumer<String, Instant> listener);

}
