package dev.customllm.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.customllm.routing.RoutingStrategy;

/**
 * Configuration properties of one route ({@code custom.llm.routes.<route>.*}): the
 * clients it spreads its calls over, and how.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public class CustomLlmRouteProperties {

	/**
	 * The deployments of the route, each a client: 'default' or the name of a named
	 * client.
	 */
	private List<Deployment> deployments = new ArrayList<>();

	/**
	 * How a call picks its deployment.
	 */
	private RoutingStrategy strategy = RoutingStrategy.PRIORITY;

	/**
	 * Failures of a deployment within a minute before it cools down.
	 */
	private int allowedFails = 3;

	/**
	 * How long a deployment that failed too often takes no calls.
	 */
	private Duration cooldown = Duration.ofSeconds(30);

	/**
	 * Another route that takes the calls whose prompt does not fit this route's context
	 * window.
	 */
	private @Nullable String contextWindowFallback;

	/**
	 * Further 4xx statuses that fail over, such as 401.
	 */
	private List<Integer> failoverOn = new ArrayList<>();

	/**
	 * Whether the route's CompletionModel is the primary one, in place of the default
	 * client's.
	 */
	private boolean primary;

	/**
	 * Whether to define the route's EmbeddingModel; its deployments must then use the
	 * same embedding model.
	 */
	private boolean embeddings = true;

	public List<Deployment> getDeployments() {
		return this.deployments;
	}

	public void setDeployments(List<Deployment> deployments) {
		this.deployments = deployments;
	}

	public RoutingStrategy getStrategy() {
		return this.strategy;
	}

	public void setStrategy(RoutingStrategy strategy) {
		this.strategy = strategy;
	}

	public int getAllowedFails() {
		return this.allowedFails;
	}

	public void setAllowedFails(int allowedFails) {
		this.allowedFails = allowedFails;
	}

	public Duration getCooldown() {
		return this.cooldown;
	}

	public void setCooldown(Duration cooldown) {
		this.cooldown = cooldown;
	}

	public @Nullable String getContextWindowFallback() {
		return this.contextWindowFallback;
	}

	public void setContextWindowFallback(@Nullable String contextWindowFallback) {
		this.contextWindowFallback = contextWindowFallback;
	}

	public List<Integer> getFailoverOn() {
		return this.failoverOn;
	}

	public void setFailoverOn(List<Integer> failoverOn) {
		this.failoverOn = failoverOn;
	}

	public boolean isPrimary() {
		return this.primary;
	}

	public void setPrimary(boolean primary) {
		this.primary = primary;
	}

	public boolean isEmbeddings() {
		return this.embeddings;
	}

	public void setEmbeddings(boolean embeddings) {
		this.embeddings = embeddings;
	}

	/**
	 * One deployment of a route.
	 */
	public static class Deployment {

		/**
		 * The client: 'default' for custom.llm.*, or the name of a named client.
		 */
		private @Nullable String client;

		/**
		 * Share of calls with the WEIGHTED strategy.
		 */
		private int weight = 1;

		public @Nullable String getClient() {
			return this.client;
		}

		public void setClient(@Nullable String client) {
			this.client = client;
		}

		public int getWeight() {
			return this.weight;
		}

		public void setWeight(int weight) {
			this.weight = weight;
		}

	}

}
