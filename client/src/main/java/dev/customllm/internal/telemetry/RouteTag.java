package dev.customllm.internal.telemetry;

import dev.customllm.observation.LlmObservationContext;

import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The route and deployment a call was sent to by a router, kept in the call's Reactor
 * context so that the call's observation carries them. One instance per deployment,
 * created when the router is built.
 *
 * @author Custom LLM team
 */
public final class RouteTag {

	private static final Object KEY = RouteTag.class;

	private final String route;

	private final String deployment;

	private final Context context;

	/**
	 * Create a new instance.
	 * @param route the name of the route
	 * @param deployment the name of the deployment
	 */
	public RouteTag(String route, String deployment) {
		this.route = route;
		this.deployment = deployment;
		this.context = Context.of(KEY, this);
	}

	/**
	 * Return a Reactor context that holds this tag, to write into a call's context.
	 * @return the context
	 */
	public Context context() {
		return this.context;
	}

	/**
	 * Return a Reactor context that holds this tag besides what a caller's context holds.
	 * @param callerContext the caller's context
	 * @return the context of the call
	 */
	public Context context(Context callerContext) {
		return callerContext.isEmpty() ? this.context : callerContext.put(KEY, this);
	}

	String route() {
		return this.route;
	}

	String deployment() {
		return this.deployment;
	}

	static void apply(ContextView reactorContext, LlmObservationContext context) {
		Object tag = reactorContext.getOrDefault(KEY, null);
		if (tag instanceof RouteTag routeTag) {
			context.setRoute(routeTag.route, routeTag.deployment);
		}
	}

}
